package dev.stscreds.resolve;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.LongTermKeyStore;
import dev.stscreds.cache.CliCacheKey;
import dev.stscreds.cache.CliCachedCredentialsProvider;
import dev.stscreds.cache.CliSessionCache;
import dev.stscreds.config.ProfileFileException;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Property;
import dev.stscreds.config.Settings;
import dev.stscreds.mfa.MfaCodeSource;
import dev.stscreds.refresh.RefreshingCredentialsProvider;
import dev.stscreds.mfa.MfaCodes;
import dev.stscreds.prompt.Prompts;
import dev.stscreds.source.AssumeRoleCredentialsProvider;
import dev.stscreds.source.ContainerCredentialsProvider;
import dev.stscreds.source.EnvironmentCredentialsProvider;
import dev.stscreds.source.InstanceMetadataCredentialsProvider;
import dev.stscreds.source.ProcessCredentialsProvider;
import dev.stscreds.source.StaticCredentialsProvider;
import dev.stscreds.source.WebIdentityCredentialsProvider;
import dev.stscreds.sso.SsoSession;
import dev.stscreds.sso.SsoSessionConfig;
import dev.stscreds.sso.SsoTokenCache;
import dev.stscreds.wire.net.Network;
import dev.stscreds.wire.sts.AssumeRoleRequest;
import dev.stscreds.wire.sts.StsSession;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns a profile's plan into the provider that resolves it; every expiring source gets the refresh decorator. */
final class PlanProviders {
    private final ProfileContext context;
    private final ProfileSet profiles;
    private final Settings settings;
    private final ResolveOptions options;
    private final Clock clock;
    /** The profile asked for; --duration applies to its own role only, not to the roles it starts from. */
    private final String namedProfile;

    PlanProviders(ProfileContext context, String namedProfile) {
        this.context = context;
        this.profiles = context.profiles();
        this.settings = context.settings();
        this.options = context.options();
        this.clock = context.clock();
        this.namedProfile = namedProfile;
    }

    CredentialsProvider forPlan(ProfilePlan plan) {
        if (plan instanceof ProfilePlan.StaticKeys keys) {
            Credentials credentials = staticCredentials(keys);
            if (credentials.expiration().isEmpty()) return StaticCredentialsProvider.of(credentials);
            return () -> {
                // A session written by `stscreds auth` carries its expiry: say so when it has passed.
                if (credentials.isExpiredAt(clock.instant())) {
                    throw new CredentialsException("the session in profile " + keys.profile().name() + " expired at "
                            + credentials.expiration().get(), "get a new one with `stscreds auth --profile "
                            + keys.profile().name() + "`");
                }
                return credentials;
            };
        }
        if (plan instanceof ProfilePlan.VaultKeys vault) {
            return vaultKeys(vault.profile().name());
        }
        if (plan instanceof ProfilePlan.Process process) {
            Property command = process.command();
            ProcessCredentialsProvider upstream = ProcessCredentialsProvider.builder(command.value())
                    .source("credential_process in profile " + plan.profile().name() + " (" + command.location() + ")")
                    .environment(childEnvironment(plan.profile().name()))
                    .accountId(plan.profile().value("aws_account_id").orElse(null))
                    .clock(clock)
                    .build();
            return refreshing(upstream);
        }
        if (plan instanceof ProfilePlan.AssumeRole role) {
            return refreshing(assumeRole(role));
        }
        if (plan instanceof ProfilePlan.WebIdentity web) {
            String sessionName = web.sessionName().map(Property::value).orElse(null);
            // The STS client (endpoint rules, proxies) is made only when the cache has no session.
            Supplier<StsSession> assume = () -> new WebIdentityCredentialsProvider(
                    context.sts(plan.profile().name()),
                    web.roleArn().value(), settings.expandHome(web.tokenFile().value()), sessionName,
                    "profile " + plan.profile().name()).session();
            String key = CliCacheKey.forAssumeRole(web.roleArn().value(), sessionName, null, null, null, null);
            return refreshing(CliCachedCredentialsProvider.ofSessions(CliSessionCache.forSettings(settings, clock), key,
                    assume, "profile " + plan.profile().name()));
        }
        if (plan instanceof ProfilePlan.Login login) {
            return refreshing(LoginSessions.provider(login, profiles, settings, clock));
        }
        if (plan instanceof ProfilePlan.RolesAnywhere ra) {
            return refreshing(RolesAnywherePlans.provider(ra, settings, profiles, clock, options));
        }
        if (plan instanceof ProfilePlan.Saml saml) {
            return refreshing(SamlPlans.provider(saml, settings, clock));
        }
        ProfilePlan.Sso sso = (ProfilePlan.Sso) plan;
        String key = CliCacheKey.forSsoRole(sso.accountId(), sso.roleName(), sso.sessionName(), sso.startUrl());
        String name = "profile " + sso.profile().name();
        // The endpoints (evaluated from the services' rules) are worked out only when the cache has no answer.
        CredentialsProvider portal = new CredentialsProvider() {
            @Override
            public Credentials resolve() {
                SsoSessionConfig config = SsoConfigs.forPlan(sso, profiles, settings);
                Network network = Network.of(settings, sso.profile().value("ca_bundle"), sso.profile().name());
                return new SsoSession(config, SsoTokenCache.forSettings(settings), clock, network)
                        .roleCredentialsProvider(sso.accountId(), sso.roleName(), sso.profile().name()).resolve();
            }

            @Override
            public String name() {
                return name;
            }
        };
        return refreshing(CliCachedCredentialsProvider.ofCredentials(CliSessionCache.forSettings(settings, clock), key, "sso",
                portal, name));
    }

    static Credentials staticCredentials(ProfilePlan.StaticKeys keys) {
        String where = keys.accessKeyId().location().file().toString();
        return Credentials.builder()
                .accessKeyId(keys.accessKeyId().value())
                .secretAccessKey(keys.secretAccessKey().value())
                .sessionToken(keys.sessionToken().map(Property::value).orElse(null))
                .accountId(accountIdBeside(keys))
                .expiration(keys.sessionToken().flatMap(t -> keys.profile().property("expiration"))
                        .map(e -> dev.stscreds.wire.Timestamps.parseIso(e.value(), "expiration at " + e.location()))
                        .orElse(null))
                .source("profile " + keys.profile().name() + " (" + where + ")")
                .build();
    }

    /** botocore takes the account id from the file the keys are in: its providers each read one file. */
    private static String accountIdBeside(ProfilePlan.StaticKeys keys) {
        return keys.profile().property("aws_account_id")
                .filter(a -> a.location().file().equals(keys.accessKeyId().location().file()))
                .map(Property::value).orElse(null);
    }

    /** Keys from the vault, opened only when this provider is really asked. */
    private CredentialsProvider vaultKeys(String profile) {
        return () -> {
            LongTermKeyStore store = options.keyStore().orElseThrow(() -> new CredentialsException(
                    "profile " + profile + " keeps its keys in the stscreds vault, which only the stscreds command opens",
                    "use `stscreds credential-process --profile " + profile + "`, or pass a key store in ResolveOptions"))
                    .get();
            return store.get(profile).map(c -> c.withSource("profile " + profile + " (" + store.describe() + ")"))
                    .orElseThrow(() -> new CredentialsException("profile " + profile + " has no keys in " + store.describe(),
                            "store them with `stscreds init --profile " + profile + "`"));
        };
    }

    /** AssumeRole through the AWS CLI's cache, so either tool reuses the other's session. */
    private CredentialsProvider assumeRole(ProfilePlan.AssumeRole role) {
        CredentialsProvider source = role.sourcePlan().map(this::forPlan)
                .orElseGet(() -> credentialSource(role.credentialSource().orElseThrow(), role.profile()));
        AssumeRoleRequest request = request(role);
        AssumeRoleCredentialsProvider assume = new AssumeRoleCredentialsProvider(
                () -> context.sts(role.profile().name()),
                source, request, mfaFor(role), role.profile().name());
        String key = CliCacheKey.forAssumeRole(request.roleArn(), request.roleSessionName().orElse(null),
                request.externalId().orElse(null), request.serialNumber().orElse(null),
                request.duration().map(d -> (int) d.getSeconds()).orElse(null), null);
        return CliCachedCredentialsProvider.ofSessions(CliSessionCache.forSettings(settings, clock), key, assume::assume,
                "profile " + role.profile().name());
    }

    private AssumeRoleRequest request(ProfilePlan.AssumeRole role) {
        var profile = role.profile();
        AssumeRoleRequest.Builder b = AssumeRoleRequest.builder(role.roleArn().value())
                .roleSessionName(profile.value("role_session_name").orElse(null))
                .externalId(profile.value("external_id").orElse(null))
                .serialNumber(mfaSerial(role).map(Property::value).orElse(null))
                .sourceIdentity(profile.value("source_identity").orElse(null));
        profile.property("duration_seconds").ifPresent(d -> b.duration(Duration.ofSeconds(Long.parseLong(d.value().trim()))));
        if (profile.name().equals(namedProfile)) options.duration().ifPresent(b::duration);
        try {
            return b.build();
        } catch (CredentialsException e) {
            throw new ProfileFileException(role.roleArn().location(), "profile " + profile.name() + ": " + e.getMessage(),
                    e.hint().orElse(null));
        }
    }

    private static Optional<Property> mfaSerial(ProfilePlan.AssumeRole role) {
        return role.profile().property("mfa_serial").or(() -> role.profile().property("aws_mfa_serial"));
    }

    private MfaCodeSource mfaFor(ProfilePlan.AssumeRole role) {
        return context.mfaCodes(Optional.of(role.profile()));
    }

    /**
     * A role's credential_source that has nothing to give fails the profile: botocore raises, and falling through
     * to the container or instance metadata would hand out another identity.
     */
    private CredentialsProvider credentialSource(CredentialSource source, dev.stscreds.config.Profile profile) {
        CredentialsProvider provider = credentialSourceProvider(source, profile);
        return () -> {
            try {
                return provider.resolve();
            } catch (dev.stscreds.CredentialsNotConfiguredException e) {
                throw new CredentialsException("profile " + profile.name() + " takes its credentials from credential_source "
                        + source.profileValue() + ", which has none: " + e.getMessage(), e.hint().orElse(null), e);
            }
        };
    }

    private CredentialsProvider credentialSourceProvider(CredentialSource source, dev.stscreds.config.Profile profile) {
        return switch (source) {
            case ENVIRONMENT -> new EnvironmentCredentialsProvider(settings, clock);
            case EC2_INSTANCE_METADATA -> refreshing(InstanceMetadataCredentialsProvider.builder(settings).clock(clock)
                    .profile(profile).build());
            case ECS_CONTAINER -> refreshing(new ContainerCredentialsProvider(settings));
        };
    }

    /** The process's environment, plus the profile being resolved (see {@link ProfileCredentialsProvider#RESOLVING}). */
    private Map<String, String> childEnvironment(String profile) {
        Map<String, String> env = new HashMap<>(settings.environment());
        String outer = env.get(ProfileCredentialsProvider.RESOLVING);
        env.put(ProfileCredentialsProvider.RESOLVING, outer == null || outer.isEmpty() ? profile : outer + "," + profile);
        return env;
    }

    private CredentialsProvider refreshing(CredentialsProvider upstream) {
        return options.refreshing(upstream).clock(clock).build();
    }
}
