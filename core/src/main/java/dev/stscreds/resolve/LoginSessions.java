package dev.stscreds.resolve;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileFileEditor;
import dev.stscreds.config.ProfileFileKind;
import dev.stscreds.config.Property;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import dev.stscreds.signin.LoginCredentialsProvider;
import dev.stscreds.signin.LoginSessionStatus;
import dev.stscreds.signin.LoginToken;
import dev.stscreds.signin.LoginTokenCache;
import dev.stscreds.signin.SigninClient;
import dev.stscreds.signin.SigninEndpoint;
import dev.stscreds.signin.SigninLogin;
import dev.stscreds.wire.ServiceEndpoints;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Sign-in sessions ({@code login_session}) of profiles: their provider, their sign-in service, their status. */
public final class LoginSessions {
    private LoginSessions() {}

    static LoginCredentialsProvider provider(ProfilePlan.Login plan, ProfileSet profiles, Settings settings, Clock clock) {
        Profile profile = plan.profile();
        return new LoginCredentialsProvider(plan.loginSession().value(), profile.name(), LoginTokenCache.forSettings(settings),
                token -> client(profile, profiles, settings, clock, token.signInRegion()), clock);
    }

    /**
     * The sign-in service for a profile (which need not exist yet: {@code stscreds login} creates it).
     * Region: the session's own, else AWS_REGION / AWS_DEFAULT_REGION, the profile's {@code region}, us-east-1.
     */
    public static SigninClient client(Settings settings, String profileName, Clock clock) {
        ProfileSet profiles = ProfileContext.create(settings, clock).profiles();
        return profiles.profile(profileName)
                .map(p -> client(p, profiles, settings, clock, Optional.empty()))
                .orElseGet(() -> {
                    String region = region(settings, Optional.empty(), Optional.empty());
                    ServiceEndpoints.Configured e = SigninEndpoint.resolve(settings, Optional.empty(), Optional.empty(), region);
                    return new SigninClient(e.uri(), e.origin(), clock);
                });
    }

    /** The region {@link #client(Settings, String, Clock)} uses for a profile. */
    public static String region(Settings settings, String profileName) {
        Optional<Profile> profile = ProfileContext.create(settings, Clock.systemUTC()).profiles().profile(profileName);
        return region(settings, Optional.empty(), profile);
    }

    /** Keys that give a profile credentials of another kind, which would win over a sign-in session (as the AWS CLI checks). */
    private static final Map<String, String> OTHER_CREDENTIALS = orderedMap(
            "web_identity_token_file", "web identity", "sso_role_name", "IAM Identity Center", "sso_account_id",
            "IAM Identity Center", "aws_access_key_id", "access key", "role_arn", "assume role", "credential_process",
            "credential_process");

    /**
     * {@code stscreds login}: signs the user in with a browser (here, or on another device with
     * {@code remote}), caches the session, and sets the profile's {@code login_session} (and its
     * {@code region} when it has none) in the config file, changing nothing else there.
     *
     * @param show     gets the authorization URL: shows it (and, on this device, opens a browser without waiting)
     * @param readCode for {@code remote}: asks for the code the browser shows at the end
     */
    public static SigninLogin.Result signIn(Settings settings, String profileName, Optional<String> regionOption, Clock clock,
                                            boolean remote, Consumer<URI> show, Supplier<String> readCode) {
        ProfileSet profiles = ProfileContext.create(settings, clock).profiles();
        Optional<Profile> profile = profiles.profile(profileName);
        String again = profileName.equals("default") ? "stscreds login" : "stscreds login --profile " + profileName;
        if (profile.isPresent()) {
            for (Map.Entry<String, String> other : OTHER_CREDENTIALS.entrySet()) {
                Optional<Property> p = profile.get().property(other.getKey());
                if (p.isPresent()) {
                    throw new CredentialsException("profile " + profileName + " already has " + other.getValue() + " credentials ("
                            + other.getKey() + " at " + p.get().location() + "), which would win over a sign-in session",
                            "sign in to a new profile with `stscreds login --profile NEW-NAME`, or remove " + other.getKey()
                                    + " from profile " + profileName + " first");
                }
            }
        }
        String region = regionOption.orElseGet(() -> region(settings, Optional.empty(), profile));
        ServiceEndpoints.Configured endpoint = SigninEndpoint.resolve(settings,
                profile.flatMap(p -> ServicesSection.endpointUrl(p, profiles, SigninEndpoint.SERVICE_ID)),
                profile.flatMap(p -> p.value("endpoint_url")), region);
        SigninLogin login = new SigninLogin(new SigninClient(endpoint.uri(), endpoint.origin(), clock),
                LoginTokenCache.forSettings(settings), clock, new SecureRandom(), again);
        SigninLogin.Result result = remote ? login.remote(show, readCode) : login.sameDevice(show, SigninLogin.BROWSER_TIMEOUT);
        Map<String, String> set = new LinkedHashMap<>();
        set.put("login_session", result.loginSession());
        if (profile.flatMap(p -> p.value("region")).isEmpty()) set.put("region", region);
        ProfileFileEditor.of(profiles.configFile(), ProfileFileKind.CONFIG).update(profileName, set, Set.of());
        return result;
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }

    /** What explain says about the session of a {@code login_session} profile. */
    static String describe(ProfilePlan.Login plan, Settings settings, Clock clock) {
        return plan.summary() + "; " + LoginSessionStatus.of(LoginTokenCache.forSettings(settings), plan.loginSession().value())
                .describe(clock.instant());
    }

    private static SigninClient client(Profile profile, ProfileSet profiles, Settings settings, Clock clock,
                                       Optional<String> sessionRegion) {
        String region = region(settings, sessionRegion, Optional.of(profile));
        ServiceEndpoints.Configured e = SigninEndpoint.resolve(settings,
                ServicesSection.endpointUrl(profile, profiles, SigninEndpoint.SERVICE_ID), profile.value("endpoint_url"), region);
        return new SigninClient(e.uri(), e.origin(), clock);
    }

    private static String region(Settings settings, Optional<String> sessionRegion, Optional<Profile> profile) {
        return sessionRegion
                .or(() -> settings.get(Setting.REGION))
                .or(() -> settings.get(Setting.DEFAULT_REGION))
                .or(() -> profile.flatMap(p -> p.value("region")))
                .orElse(SigninEndpoint.DEFAULT_REGION);
    }
}
