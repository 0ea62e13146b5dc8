package dev.stscreds.resolve;

import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.cache.CliCacheKey;
import dev.stscreds.cache.CliCachedCredentialsProvider;
import dev.stscreds.cache.CliSessionCache;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileFileException;
import dev.stscreds.config.Property;
import dev.stscreds.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Profiles whose role sessions come from a SAML identity provider:
 * <pre>
 * [profile corp]
 * saml_idp_url = https://idp.example.com/app/aws/sso     (the IdP's sign-in URL for the AWS application)
 * role_arn = arn:aws:iam::111122223333:role/Dev          (optional: else the assertion's only role)
 * saml_provider_arn = arn:aws:iam::111122223333:saml-provider/corp  (optional: else from the assertion)
 * duration_seconds = 3600                                (optional, capped by the assertion's SessionDuration)
 * region = eu-west-1
 * </pre>
 * The session is cached in {@code ~/.aws/cli/cache} like other role sessions; {@code stscreds saml
 * login} puts it there, and resolving fails with that hint when there is none or it has ended.
 */
final class SamlPlans {
    static final String IDP_URL = "saml_idp_url";
    static final String PROVIDER_ARN = "saml_provider_arn";
    private static final List<String> KEYS = List.of(IDP_URL, "role_arn", PROVIDER_ARN, "duration_seconds", "region");

    private SamlPlans() {
    }

    static boolean uses(Profile profile) {
        return profile.property(IDP_URL).isPresent();
    }

    static ProfilePlan.Saml plan(Profile profile) {
        Property url = profile.property(IDP_URL).orElseThrow();
        if (url.value().isBlank()) {
            throw new ProfileFileException(url.location(), IDP_URL + " in profile " + profile.name() + " is empty",
                    "give the identity provider's sign-in URL for the AWS application");
        }
        profile.property("duration_seconds").ifPresent(ProfileResolver::checkDuration);
        List<Property> keys = new ArrayList<>();
        for (String key : KEYS) profile.property(key).ifPresent(keys::add);
        return new ProfilePlan.Saml(profile, url, profile.property("role_arn"), profile.property(PROVIDER_ARN), List.copyOf(keys));
    }

    /** The cache entry of this profile's session: the IdP, and the role and provider when configured. */
    static String cacheKey(ProfilePlan.Saml plan) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("SamlIdpUrl", plan.idpUrl().value().trim());
        args.put("Profile", plan.profile().name());
        plan.roleArn().ifPresent(r -> args.put("RoleArn", r.value().trim()));
        plan.providerArn().ifPresent(r -> args.put("PrincipalArn", r.value().trim()));
        return CliCacheKey.of(args);
    }

    static Optional<Duration> duration(ProfilePlan.Saml plan) {
        return plan.profile().value("duration_seconds").map(v -> Duration.ofSeconds(Long.parseLong(v.trim())));
    }

    /** The cached session; without one, an error naming the sign-in command. */
    static CredentialsProvider provider(ProfilePlan.Saml plan, Settings settings, Clock clock) {
        String profile = plan.profile().name();
        return CliCachedCredentialsProvider.ofSessions(CliSessionCache.forSettings(settings, clock), cacheKey(plan), () -> {
            throw new CredentialsException("profile " + profile + " has no SAML session (none signed in, or it ends within "
                    + CliSessionCache.EXPIRY_WINDOW.toMinutes() + " minutes)",
                    "sign in with `stscreds saml login -p " + profile + "` (or give it an assertion with --saml-assertion-file)");
        }, "profile " + profile);
    }
}
