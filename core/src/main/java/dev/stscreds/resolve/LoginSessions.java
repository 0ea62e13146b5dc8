package dev.stscreds.resolve;

import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import dev.stscreds.signin.LoginCredentialsProvider;
import dev.stscreds.signin.LoginSessionStatus;
import dev.stscreds.signin.LoginToken;
import dev.stscreds.signin.LoginTokenCache;
import dev.stscreds.signin.SigninClient;
import dev.stscreds.signin.SigninEndpoint;
import dev.stscreds.wire.ServiceEndpoints;
import java.time.Clock;
import java.util.Optional;

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
        ProfileSet profiles = ProfileSet.load(settings);
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
        Optional<Profile> profile = ProfileSet.load(settings).profile(profileName);
        return region(settings, Optional.empty(), profile);
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
