package dev.stscreds.resolve;

import dev.stscreds.CredentialValues;
import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.LongTermKeyStore;
import dev.stscreds.cache.CliCacheKey;
import dev.stscreds.cache.CliCachedCredentialsProvider;
import dev.stscreds.cache.CliSessionCache;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import dev.stscreds.mfa.MfaCodeSource;
import dev.stscreds.mfa.MfaCodes;
import dev.stscreds.prompt.Prompts;
import dev.stscreds.wire.net.Network;
import dev.stscreds.refresh.RefreshingCredentialsProvider;
import dev.stscreds.source.MfaProcessCodeSource;
import dev.stscreds.source.SessionTokenCredentialsProvider;
import dev.stscreds.sso.SsoSessionConfig;
import dev.stscreds.wire.endpoints.EndpointOptions;
import dev.stscreds.wire.iam.IamClient;
import dev.stscreds.wire.iam.IamEndpoints;
import dev.stscreds.wire.query.QueryClient;
import dev.stscreds.wire.sts.StsClient;
import dev.stscreds.wire.sts.StsEndpoints;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The one front door to profiles for a process: the settings, the clock and the caller's options,
 * with the profile files read once. Which profile a command uses ({@link #select}), what a profile
 * resolves to ({@link #plan}, {@link #provider}), its region, and the STS, IAM and IAM Identity
 * Center clients a profile's calls go through are all decided here, so every command talks to the
 * same endpoints that resolution did.
 */
public final class ProfileContext {
    private final Settings settings;
    private final Clock clock;
    private final ResolveOptions options;
    private volatile ProfileSet profiles;

    private ProfileContext(Settings settings, Clock clock, ResolveOptions options, ProfileSet profiles) {
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.options = Objects.requireNonNull(options);
        this.profiles = profiles;
    }

    public static ProfileContext create(Settings settings, Clock clock) {
        return create(settings, clock, ResolveOptions.NONE);
    }

    public static ProfileContext create(Settings settings, Clock clock, ResolveOptions options) {
        return new ProfileContext(settings, clock, options, null);
    }

    /** The same context with other options (the profile files already read stay read). */
    public ProfileContext withOptions(ResolveOptions other) {
        return new ProfileContext(settings, clock, other, profiles);
    }

    /**
     * A region that beats AWS_REGION, AWS_DEFAULT_REGION and every profile's {@code region}
     * (a command line's {@code --region}); null changes nothing.
     */
    public ProfileContext withRegion(String region) {
        if (region == null || region.isBlank()) return this;
        Map<String, String> set = new LinkedHashMap<>();
        set.put(Setting.REGION.environmentVariable(), region.trim());
        set.put(Setting.DEFAULT_REGION.environmentVariable(), region.trim());
        return new ProfileContext(settings.withEnvironment(set), clock, options, profiles);
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public ResolveOptions options() {
        return options;
    }

    /** The merged profile files, read on first use and then kept for the life of this context. */
    public ProfileSet profiles() {
        ProfileSet p = profiles;
        if (p == null) {
            synchronized (this) {
                p = profiles;
                if (p == null) profiles = p = ProfileSet.load(settings);
            }
        }
        return p;
    }

    // ---- which credentials ----

    /**
     * What a command uses, by the AWS CLI's rule: the profile named on the command line, else
     * AWS_PROFILE (or {@code aws.profile}), else the default chain (system properties,
     * environment, web identity, the {@code default} profile, container, instance metadata).
     *
     * @param explicitProfile the {@code --profile} given, or null
     */
    public Selection select(String explicitProfile) {
        if (explicitProfile != null && !explicitProfile.isBlank()) return new Selection(Optional.of(explicitProfile));
        return new Selection(settings.get(Setting.PROFILE));
    }

    /** A named profile, or the default chain. */
    public record Selection(Optional<String> profile) {
        public Selection {
            Objects.requireNonNull(profile);
        }

        public boolean isDefaultChain() {
            return profile.isEmpty();
        }

        /** The profile whose settings (region, endpoints) apply: the named one, else {@code default}. */
        public String profileName() {
            return profile.orElse(DefaultCredentialsChain.DEFAULT_PROFILE);
        }

        /** For people: {@code profile dev}, or {@code the default chain}. */
        public String describe() {
            return profile.map(p -> "profile " + p).orElse("the " + DefaultCredentialsChain.NAME);
        }
    }

    /** The credentials of a selection: the profile's, or the first source of the default chain that answers. */
    public CredentialsProvider provider(Selection selection) {
        return selection.profile().<CredentialsProvider>map(this::provider)
                .orElseGet(() -> DefaultCredentialsChain.create(this));
    }

    /** A named profile's credentials (also when its long-term keys are only in the vault). */
    public ProfileCredentialsProvider provider(String profileName) {
        return new ProfileCredentialsProvider(this, profileName);
    }

    /**
     * What a profile resolves to, from the profile files alone.
     *
     * @throws CredentialsNotConfiguredException when there is no such profile, or it has no credentials
     * @throws CredentialsException when it or a profile it names is misconfigured
     */
    public ProfilePlan plan(String profileName) {
        return new ProfileResolver(profiles()).plan(profileName);
    }

    /**
     * The provider behind {@link ProfileCredentialsProvider}: the profile's plan; when the files
     * give the profile no credentials and a vault is at hand, its long-term keys in the vault
     * (looked up only when asked). Vault keys of the named profile are traded for a session when
     * {@link ResolveOptions#sessionForVaultKeys()} says so.
     */
    CredentialsProvider build(String profileName) {
        ProfilePlan plan;
        try {
            plan = plan(profileName);
        } catch (CredentialsNotConfiguredException notInFiles) {
            if (options.keyStore().isEmpty()) throw notInFiles;
            return sessionFor(profileName, vaultOnly(profileName, notInFiles));
        }
        CredentialsProvider provider = new PlanProviders(this, profileName).forPlan(plan);
        if (!(plan instanceof ProfilePlan.VaultKeys vault)) return provider;
        CredentialsProvider fromVault = sessionFor(profileName, provider);
        Optional<ProfilePlan.StaticKeys> written = writtenSession(vault);
        if (written.isEmpty()) return fromVault;
        Credentials session = PlanProviders.staticCredentials(written.get());
        return () -> session.isExpiredAt(clock.instant()) ? fromVault.resolve() : session;
    }

    /**
     * The session {@code stscreds auth} wrote into a vault profile's section of the credentials
     * file: used while it lasts (the AWS CLI, too, reads those keys before credential_process),
     * then the vault again.
     */
    static Optional<ProfilePlan.StaticKeys> writtenSession(ProfilePlan.VaultKeys vault) {
        return ProfileResolver.staticKeys(vault.profile()).filter(k -> k.sessionToken().isPresent());
    }

    /** Keys of a profile the files do not give credentials: the vault's, or the files' own complaint with a way out. */
    private CredentialsProvider vaultOnly(String profileName, CredentialsNotConfiguredException notInFiles) {
        return () -> {
            LongTermKeyStore store = options.keyStore().orElseThrow().get();
            Optional<Credentials> keys = store.get(profileName);
            if (keys.isPresent()) return keys.get().withSource("profile " + profileName + " (" + store.describe() + ")");
            String message = notInFiles.getMessage() + ", and " + store.describe() + " has no keys for it";
            String hint = "store its keys with `stscreds init --profile " + profileName
                    + "`, or pick another profile with --profile or AWS_PROFILE (`stscreds list` shows them)";
            throw notInFiles instanceof ProfileHasNoCredentialsException
                    ? new ProfileHasNoCredentialsException(message, hint)
                    : new CredentialsNotConfiguredException(message, hint);
        };
    }

    /** Long-term vault keys as they are, or traded for a cached GetSessionToken session (with MFA if the profile has mfa_serial). */
    private CredentialsProvider sessionFor(String profileName, CredentialsProvider longTermKeys) {
        if (!options.sessionForVaultKeys()) return longTermKeys;
        Optional<Profile> profile = profiles().profile(profileName);
        String serial = profile.flatMap(p -> p.value("mfa_serial").or(() -> p.value("aws_mfa_serial"))).orElse(null);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("GetSessionToken", "stscreds vault keys");
        args.put("Profile", profileName);
        // No endpoint in the key: working it out evaluates the endpoint rules, which a cache hit must not pay for.
        options.duration().ifPresent(d -> args.put("DurationSeconds", d.getSeconds()));
        if (serial != null) args.put("SerialNumber", serial);
        String key = CliCacheKey.of(args);
        MfaCodeSource codes = mfaCodes(profile);
        CredentialsProvider cached = CliCachedCredentialsProvider.ofSessions(CliSessionCache.forSettings(settings, clock), key,
                () -> new SessionTokenCredentialsProvider(sts(profileName), longTermKeys, options.duration().orElse(null),
                        serial, codes, profileName).session(),
                "profile " + profileName);
        return options.refreshing(cached).clock(clock).build();
    }

    /**
     * Where a profile's MFA codes come from: --mfa-token, else the caller's own source, else the
     * profile's {@code mfa_process}, else the terminal; always checked before use.
     */
    MfaCodeSource mfaCodes(Optional<Profile> profile) {
        if (options.mfaToken().isPresent()) return MfaCodes.checked(MfaCodes.explicit(options.mfaToken().get()));
        if (options.mfaCodeSource().isPresent()) return MfaCodes.checked(options.mfaCodeSource().get());
        var process = profile.flatMap(p -> p.property("mfa_process"));
        if (process.isPresent()) {
            return MfaCodes.checked(new MfaProcessCodeSource(process.get().value(), settings.environment(),
                    "mfa_process in profile " + profile.get().name() + " (" + process.get().location() + ")"));
        }
        return MfaCodes.checked(Prompts.forSettings(settings).mfaCodes());
    }

    // ---- where ----

    /** The region of a selection: --region, AWS_REGION, AWS_DEFAULT_REGION, then its profile's {@code region}. */
    public Optional<String> region(Selection selection) {
        return region(selection.profileName());
    }

    /** The region of a profile: --region, AWS_REGION, AWS_DEFAULT_REGION, then the profile's {@code region}. */
    public Optional<String> region(String profileName) {
        // checked where it enters, like every value that reaches a host name or an output format
        return settings.systemProperty(Setting.REGION).map(r -> CredentialValues.region(r, "aws.region system property"))
                .or(() -> settings.environmentVariable(Setting.REGION).map(r -> CredentialValues.region(r, "AWS_REGION variable")))
                .or(() -> settings.get(Setting.DEFAULT_REGION).map(r -> CredentialValues.region(r, "AWS_DEFAULT_REGION variable")))
                .or(() -> profileRegion(profileName));
    }

    private Optional<String> profileRegion(String profileName) {
        if (profileName == null) return Optional.empty();
        return profiles().profile(profileName).flatMap(p -> p.property("region")).filter(r -> !r.value().isEmpty())
                .map(r -> CredentialValues.region(r.value(), "region of profile " + profileName + " (" + r.location() + ")"));
    }

    /**
     * What a profile says about where calls go: its {@code [services]} section's URL for the
     * service, its {@code endpoint_url}, its region. Every endpoint of this context is resolved
     * from these, here, so a new rule (FIPS, dual-stack…) is added in one place.
     */
    private record EndpointInputs(EndpointOptions rules, Optional<String> servicesUrl, Optional<String> profileUrl,
                                  Optional<String> region) {}

    private EndpointInputs endpointInputs(String profileName, String serviceId) {
        Optional<Profile> profile = profileName == null ? Optional.empty() : profiles().profile(profileName);
        return new EndpointInputs(
                profile.map(p -> EndpointOptions.read(settings, p::value, p.name()))
                        .orElseGet(() -> EndpointOptions.fromEnvironment(settings)),
                profile.flatMap(p -> ServicesSection.endpointUrl(p, profiles(), serviceId)),
                profile.flatMap(p -> p.value("endpoint_url")),
                profile.flatMap(p -> p.value("region")));
    }

    /** The STS endpoint of a profile (null: the environment alone), in the SDKs' order of overrides. */
    public StsEndpoints.Endpoint stsEndpoint(String profileName) {
        EndpointInputs in = endpointInputs(profileName, "STS");
        return StsEndpoints.resolve(settings, in.rules(), options.endpointUrl(), in.servicesUrl(), in.profileUrl(), in.region());
    }

    /** The IAM endpoint of a profile (null: the environment alone). */
    public IamEndpoints.Endpoint iamEndpoint(String profileName) {
        EndpointInputs in = endpointInputs(profileName, "IAM");
        return IamEndpoints.resolve(settings, options.endpointUrl(), in.servicesUrl(), in.profileUrl(), in.region());
    }

    /** How a profile's calls reach the network: proxies, and its {@code ca_bundle} (null: the environment alone). */
    public Network network(String profileName) {
        if (profileName == null) return Network.fromEnvironment(settings);
        // AWS_CA_BUNDLE beats the profile's ca_bundle, as in the SDKs.
        Optional<String> caBundle = settings.environmentVariable("AWS_CA_BUNDLE").isPresent()
                ? Optional.empty()
                : profiles().profile(profileName).flatMap(p -> p.value("ca_bundle"));
        return Network.of(settings, caBundle, profileName);
    }

    /** An STS client for a profile's calls (null: the environment alone). */
    public StsClient sts(String profileName) {
        StsEndpoints.Endpoint e = stsEndpoint(profileName);
        return StsClient.create(e.uri(), e.signingRegion(), clock, network(profileName));
    }

    /** An IAM client for a profile's calls (null: the environment alone). */
    public IamClient iam(String profileName) {
        IamEndpoints.Endpoint e = iamEndpoint(profileName);
        return new IamClient(QueryClient.builder("iam", e.uri(), e.signingRegion()).clock(clock)
                .network(network(profileName)).build());
    }

    /**
     * The IAM Identity Center login of an SSO profile, with its portal and OIDC endpoints.
     *
     * @throws CredentialsException when the profile does not use IAM Identity Center
     */
    public SsoSessionConfig sso(String profileName) {
        ProfilePlan plan = plan(profileName);
        if (!(plan instanceof ProfilePlan.Sso sso)) {
            throw new CredentialsException("profile " + profileName + " does not use IAM Identity Center (it uses "
                    + plan.summary() + ")", "name an SSO profile (one with sso_session or sso_start_url), or use --sso-session");
        }
        return SsoConfigs.forPlan(sso, profiles(), settings);
    }
}
