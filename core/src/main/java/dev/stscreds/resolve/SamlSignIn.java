package dev.stscreds.resolve;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.cache.CliSessionCache;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Settings;
import dev.stscreds.saml.SamlAssertion;
import dev.stscreds.saml.SamlRole;
import dev.stscreds.wire.sts.StsSession;
import java.time.Clock;
import java.util.List;

/**
 * Trades a SAMLResponse for a SAML profile's role session and caches it where every command finds
 * it: the assertion is checked first (nothing is sent when a check fails), the role is the
 * profile's {@code role_arn}, else the only one offered, else the chooser's pick; then
 * AssumeRoleWithSAML through the profile's STS endpoint.
 */
public final class SamlSignIn {

    /** Picks one of several offered roles (a terminal picker); absent without a terminal. */
    public interface RoleChooser {
        SamlRole choose(List<SamlRole> offered);
    }

    /** The role taken, the roles offered and the cached session. */
    public record Result(SamlRole role, List<SamlRole> offered, Credentials credentials) {
    }

    private final Settings settings;
    private final Clock clock;
    private final ResolveOptions options;

    public SamlSignIn(Settings settings, Clock clock, ResolveOptions options) {
        this.settings = settings;
        this.clock = clock;
        this.options = options;
    }

    /** @param chooser null without a terminal: several roles and no role_arn are then an error listing them */
    public Result signIn(String profileName, String samlResponse, RoleChooser chooser) {
        ProfileContext context = ProfileContext.create(settings, clock, options);
        ProfilePlan plan = context.plan(profileName);
        if (!(plan instanceof ProfilePlan.Saml saml)) {
            throw new CredentialsException("profile " + profileName + " does not sign in through a SAML identity provider (it has no "
                    + SamlPlans.IDP_URL + ")", "add " + SamlPlans.IDP_URL + " and role_arn to the profile, or pick a SAML profile with -p");
        }
        SamlAssertion assertion = SamlAssertion.read(samlResponse).check(clock);
        SamlRole role = choose(saml, assertion, chooser);
        StsSession session = context.sts(saml.profile().name())
                .assumeRoleWithSaml(role.roleArn(), role.providerArn(), samlResponse,
                        assertion.duration(SamlPlans.duration(saml).orElse(null)));
        CliSessionCache.forSettings(settings, clock).write(SamlPlans.cacheKey(saml), session);
        return new Result(role, assertion.roles(), session.credentials());
    }

    private static SamlRole choose(ProfilePlan.Saml plan, SamlAssertion assertion, RoleChooser chooser) {
        SamlRole role;
        if (plan.roleArn().isPresent() || assertion.roles().size() == 1 || chooser == null) {
            role = assertion.role(plan.roleArn().map(p -> p.value().trim()).orElse(null));
        } else {
            role = chooser.choose(assertion.roles());
        }
        String provider = plan.providerArn().map(p -> p.value().trim()).orElse(null);
        if (provider != null && !provider.equals(role.providerArn())) {
            throw new CredentialsException("the SAML assertion check \"role\" failed: it offers " + role.roleArn() + " through "
                    + role.providerArn() + ", not through " + provider + " (saml_provider_arn of profile " + plan.profile().name() + ")",
                    "fix saml_provider_arn, or the identity provider's Role attribute");
        }
        return role;
    }
}
