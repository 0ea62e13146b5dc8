package dev.stscreds.resolve;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Settings;
import dev.stscreds.sso.SsoSessionConfig;
import dev.stscreds.wire.endpoints.EndpointOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Finds the IAM Identity Center login a profile or an {@code [sso-session]} section stands for. */
public final class SsoConfigs {
    private SsoConfigs() {}

    /**
     * The login of an SSO profile ({@code sso_session} or the legacy {@code sso_*} keys).
     *
     * @throws CredentialsException when the profile is missing, misconfigured or does not use IAM Identity Center
     */
    public static SsoSessionConfig forProfile(Settings settings, String profileName) {
        ProfileSet profiles = ProfileSet.load(settings);
        ProfilePlan plan = new ProfileResolver(profiles).plan(profileName);
        if (!(plan instanceof ProfilePlan.Sso sso)) {
            throw new CredentialsException("profile " + profileName + " does not use IAM Identity Center (it uses "
                    + plan.summary() + ")", "name an SSO profile (one with sso_session or sso_start_url), or use --sso-session");
        }
        return forPlan(sso, profiles, settings);
    }

    /**
     * The login of an {@code [sso-session NAME]} section of the config file.
     *
     * @throws CredentialsException when there is no such section or it lacks sso_start_url or sso_region
     */
    public static SsoSessionConfig forSession(Settings settings, String sessionName) {
        ProfileSet profiles = ProfileSet.load(settings);
        Profile section = profiles.ssoSession(sessionName).orElseThrow(() -> new CredentialsException(
                "there is no [sso-session " + sessionName + "] section in " + profiles.configFile(),
                "add one with sso_start_url and sso_region, or fix the name"));
        String startUrl = sessionKey(section, "sso_start_url", profiles);
        String region = sessionKey(section, "sso_region", profiles);
        return SsoSessionConfig.of(settings, Optional.of(sessionName), startUrl, region, scopes(section),
                Optional.empty(), Optional.empty(), Optional.empty(), "stscreds sso login --sso-session " + sessionName);
    }

    static SsoSessionConfig forPlan(ProfilePlan.Sso plan, ProfileSet profiles, Settings settings) {
        Profile profile = plan.profile();
        List<String> scopes = plan.sessionName().flatMap(profiles::ssoSession).map(SsoConfigs::scopes).orElse(List.of());
        String login = plan.sessionName().map(n -> "stscreds sso login --sso-session " + n)
                .orElse("stscreds sso login --profile " + profile.name());
        return SsoSessionConfig.of(settings, EndpointOptions.read(settings, profile::value, profile.name()),
                plan.sessionName(), plan.startUrl(), plan.region(), scopes,
                ServicesSection.endpointUrl(profile, profiles, "SSO OIDC"),
                ServicesSection.endpointUrl(profile, profiles, "SSO"),
                profile.value("endpoint_url"), login);
    }

    /** {@code sso_registration_scopes}, comma-separated, or the AWS CLI's default. */
    private static List<String> scopes(Profile session) {
        return session.value("sso_registration_scopes")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .filter(l -> !l.isEmpty())
                .orElse(List.of(SsoSessionConfig.DEFAULT_SCOPE));
    }

    private static String sessionKey(Profile section, String key, ProfileSet profiles) {
        return section.value(key).filter(v -> !v.isEmpty()).orElseThrow(() -> new CredentialsException(
                "[sso-session " + section.name() + "] in " + profiles.configFile() + " has no " + key,
                "add " + key + " to the section"));
    }
}
