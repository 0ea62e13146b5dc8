package dev.stscreds.resolve;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.cache.CliCacheKey;
import dev.stscreds.cache.CliCachedCredentialsProvider;
import dev.stscreds.cache.CliSessionCache;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import dev.stscreds.refresh.RefreshingCredentialsProvider;
import dev.stscreds.source.ContainerCredentialsProvider;
import dev.stscreds.source.EnvironmentCredentialsProvider;
import dev.stscreds.source.InstanceMetadataCredentialsProvider;
import dev.stscreds.source.SystemPropertiesCredentialsProvider;
import dev.stscreds.source.WebIdentityCredentialsProvider;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The default chain, in the AWS SDK for Java v2's order: system properties, environment, web
 * identity, profile, container endpoint, instance metadata; except that a profile with a {@code role_arn}
 * comes before web identity from the environment, as in botocore.
 */
public final class DefaultCredentialsChain {
    public static final String NAME = "default chain";
    /** The profile the chain uses when neither aws.profile nor AWS_PROFILE names one. */
    public static final String DEFAULT_PROFILE = "default";

    private DefaultCredentialsChain() {}

    public static CredentialsChain create(Settings settings, Clock clock) {
        return create(settings, clock, ResolveOptions.NONE);
    }

    public static CredentialsChain create(Settings settings, Clock clock, ResolveOptions options) {
        return create(ProfileContext.create(settings, clock, options));
    }

    /** The chain over a context's settings, profiles, options and endpoints. */
    public static CredentialsChain create(ProfileContext context) {
        Settings settings = context.settings();
        Clock clock = context.clock();
        return new CredentialsChain(NAME, List.of(
                pureLink("system properties", new SystemPropertiesCredentialsProvider(settings)),
                pureLink("environment", new EnvironmentCredentialsProvider(settings, clock)),
                webIdentityLink(context),
                profileLink(context),
                containerLink(settings, clock),
                instanceMetadataLink(settings, clock)));
    }

    /** The profile the chain uses: aws.profile / AWS_PROFILE, else {@code default}. */
    public static String selectedProfile(Settings settings) {
        return settings.get(Setting.PROFILE).orElse(DEFAULT_PROFILE);
    }

    /** A source that needs no network: checking it is resolving it. */
    private static ChainLink pureLink(String name, CredentialsProvider provider) {
        return link(name, provider, () -> {
            try {
                Credentials c = provider.resolve();
                return new SourceReport(name, SourceReport.Status.CONFIGURED, "gives " + describe(c));
            } catch (CredentialsNotConfiguredException e) {
                return new SourceReport(name, SourceReport.Status.SKIPPED, e.getMessage());
            } catch (CredentialsException e) {
                return new SourceReport(name, SourceReport.Status.FAILED, e.getMessage());
            }
        });
    }

    private static ChainLink webIdentityLink(ProfileContext context) {
        Settings settings = context.settings();
        Clock clock = context.clock();
        String name = "web identity (environment)";
        Supplier<SourceReport> check = () -> {
            Optional<String> tokenFile = settings.get(Setting.WEB_IDENTITY_TOKEN_FILE);
            Optional<String> roleArn = settings.get(Setting.ROLE_ARN);
            Optional<dev.stscreds.config.Property> profileRole = selectedProfileKeys(settings).flatMap(p -> p.property("role_arn"));
            if (tokenFile.isPresent() && roleArn.isPresent() && profileRole.isPresent()) {
                // botocore asks the profile's role (assumed, or with its own web identity) before the environment's.
                return new SourceReport(name, SourceReport.Status.SKIPPED, "profile " + selectedProfile(settings)
                        + " has a role_arn (" + profileRole.get().location() + "), which comes first, as in the AWS CLI");
            }
            if (tokenFile.isEmpty() || roleArn.isEmpty()) {
                return new SourceReport(name, SourceReport.Status.SKIPPED, tokenFile.isEmpty() && roleArn.isEmpty()
                        ? "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set"
                        : (tokenFile.isEmpty() ? "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not"
                                : "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not"));
            }
            return new SourceReport(name, SourceReport.Status.CONFIGURED, "would assume role " + roleArn.get()
                    + " with the web identity token in " + tokenFile.get());
        };
        CredentialsProvider webIdentity = RefreshingCredentialsProvider.builder(() -> {
            SourceReport r = check.get();
            if (r.status() == SourceReport.Status.SKIPPED) throw new CredentialsNotConfiguredException(r.detail());
            String roleArn = settings.get(Setting.ROLE_ARN).orElseThrow();
            String sessionName = settings.get(Setting.ROLE_SESSION_NAME).orElse(null);
            WebIdentityCredentialsProvider assume = new WebIdentityCredentialsProvider(
                    context.sts(null), roleArn,
                    settings.expandHome(settings.get(Setting.WEB_IDENTITY_TOKEN_FILE).orElseThrow()), sessionName, "environment");
            // Through the AWS CLI's cache, as the AWS CLI does: one session serves every process for its hour.
            String key = CliCacheKey.forAssumeRole(roleArn, sessionName, null, null, null, null);
            return CliCachedCredentialsProvider.ofSessions(CliSessionCache.forSettings(settings, clock), key, assume::session, name)
                    .resolve();
        }).clock(clock).name(name).build();
        return link(name, webIdentity, check);
    }

    private static ChainLink profileLink(ProfileContext context) {
        Settings settings = context.settings();
        String profileName = selectedProfile(settings);
        boolean chosen = settings.get(Setting.PROFILE).isPresent();
        ProfileCredentialsProvider profile = context.provider(profileName);
        String name = "profile " + profileName;
        CredentialsProvider provider = () -> {
            try {
                return profile.resolve();
            } catch (CredentialsNotConfiguredException missing) {
                if (mustExist(chosen, missing)) {
                    throw new CredentialsException(missing.getMessage(), missing.hint().orElse(null), missing);
                }
                throw missing;
            }
        };
        return link(name, provider, () -> {
            try {
                ProfilePlan plan = context.plan(profileName);
                return new SourceReport(name, SourceReport.Status.CONFIGURED, plan.summary());
            } catch (CredentialsNotConfiguredException e) {
                return new SourceReport(name, mustExist(chosen, e) ? SourceReport.Status.FAILED : SourceReport.Status.SKIPPED,
                        e.getMessage());
            } catch (CredentialsException e) {
                return new SourceReport(name, SourceReport.Status.FAILED, e.getMessage());
            }
        });
    }

    /**
     * A profile the user named must exist; only the implicit default may be absent. A profile that
     * exists without credentials (only a region, say) is skipped either way, as botocore does.
     */
    private static boolean mustExist(boolean chosen, CredentialsNotConfiguredException e) {
        return chosen && !(e instanceof ProfileHasNoCredentialsException);
    }

    private static ChainLink containerLink(Settings settings, Clock clock) {
        String name = "container endpoint";
        CredentialsProvider provider = RefreshingCredentialsProvider
                .builder(new ContainerCredentialsProvider(settings)).clock(clock).build();
        return link(name, provider, () -> {
            Optional<String> relative = settings.get(Setting.CONTAINER_CREDENTIALS_RELATIVE_URI);
            Optional<String> full = settings.get(Setting.CONTAINER_CREDENTIALS_FULL_URI);
            if (relative.isPresent()) {
                return new SourceReport(name, SourceReport.Status.CONFIGURED,
                        "would ask http://169.254.170.2" + relative.get() + " (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)");
            }
            if (full.isPresent()) {
                return new SourceReport(name, SourceReport.Status.CONFIGURED,
                        "would ask " + full.get() + " (AWS_CONTAINER_CREDENTIALS_FULL_URI)");
            }
            return new SourceReport(name, SourceReport.Status.SKIPPED,
                    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set");
        });
    }

    private static ChainLink instanceMetadataLink(Settings settings, Clock clock) {
        String name = "instance metadata";
        // botocore reads the IMDS settings of the profile in use when the environment does not set them.
        InstanceMetadataCredentialsProvider imds = InstanceMetadataCredentialsProvider.builder(settings).clock(clock)
                .profile(() -> selectedProfileKeys(settings)).build();
        CredentialsProvider provider = RefreshingCredentialsProvider.builder(imds).clock(clock).build();
        return link(name, provider, () -> {
            if (settings.isTrue(Setting.EC2_METADATA_DISABLED)) {
                return new SourceReport(name, SourceReport.Status.SKIPPED, "disabled by AWS_EC2_METADATA_DISABLED=true");
            }
            try {
                return new SourceReport(name, SourceReport.Status.NOT_CHECKED,
                        "would " + imds.imdsSettings().describe() + "; only a network call can tell (use --resolve)");
            } catch (CredentialsException e) {
                return new SourceReport(name, SourceReport.Status.FAILED, e.getMessage());
            }
        });
    }

    /** The selected profile's keys, for the settings botocore reads from it; none when the files cannot be read. */
    static Optional<dev.stscreds.config.Profile> selectedProfileKeys(Settings settings) {
        try {
            return ProfileContext.create(settings, Clock.systemUTC()).profiles().profile(selectedProfile(settings));
        } catch (CredentialsException e) {
            return Optional.empty();
        }
    }

    private static String describe(Credentials c) {
        return (c.isTemporary() ? "session credentials " : "long-term credentials ")
                + dev.stscreds.Secrets.maskKeyId(c.accessKeyId())
                + c.expiration().map(e -> " expiring " + e).orElse("");
    }

    private static ChainLink link(String name, CredentialsProvider provider, Supplier<SourceReport> check) {
        return new ChainLink() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CredentialsProvider provider() {
                return provider;
            }

            @Override
            public SourceReport check() {
                return check.get();
            }
        };
    }
}
