package dev.stscreds.resolve;

import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileFileException;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a profile's IAM Identity Center settings, directly or through its {@code [sso-session]} (SPEC §3). */
final class SsoSettings {
    private SsoSettings() {}

    static ProfilePlan.Sso plan(Profile profile, ProfileSet profiles) {
        List<Property> keys = new ArrayList<>();
        Optional<Property> sessionKey = profile.property("sso_session");
        Optional<Profile> session = Optional.empty();
        if (sessionKey.isPresent()) {
            keys.add(sessionKey.get());
            String name = sessionKey.get().value();
            session = Optional.of(profiles.ssoSession(name).orElseThrow(() -> new ProfileFileException(
                    sessionKey.get().location(),
                    "profile " + profile.name() + " names sso_session " + name + ", but there is no [sso-session " + name + "] section",
                    "add the section to " + profiles.configFile() + " or fix the name")));
        }
        String startUrl = shared(profile, session, "sso_start_url", keys);
        String region = shared(profile, session, "sso_region", keys);
        String accountId = required(profile, "sso_account_id", keys);
        String roleName = required(profile, "sso_role_name", keys);
        return new ProfilePlan.Sso(profile, startUrl, region, accountId, roleName,
                sessionKey.map(Property::value), List.copyOf(keys));
    }

    /** A key that may sit in the profile or in its sso-session; both places must agree. */
    private static String shared(Profile profile, Optional<Profile> session, String key, List<Property> keys) {
        Optional<Property> inProfile = profile.property(key);
        Optional<Property> inSession = session.flatMap(s -> s.property(key));
        if (inProfile.isPresent() && inSession.isPresent() && !inProfile.get().value().equals(inSession.get().value())) {
            throw new ProfileFileException(inProfile.get().location(),
                    key + " of profile " + profile.name() + " differs from the one in [sso-session "
                            + session.get().name() + "] at " + inSession.get().location(),
                    "remove " + key + " from the profile; the sso-session section sets it");
        }
        Property found = inSession.or(() -> inProfile).orElseThrow(() -> new ProfileFileException(
                profile.properties().values().iterator().next().location(),
                "profile " + profile.name() + " uses IAM Identity Center but has no " + key,
                "add " + key + " to the profile or to its [sso-session] section"));
        keys.add(found);
        return found.value();
    }

    private static String required(Profile profile, String key, List<Property> keys) {
        Property p = profile.property(key).orElseThrow(() -> new ProfileFileException(
                profile.properties().values().iterator().next().location(),
                "profile " + profile.name() + " uses IAM Identity Center but has no " + key,
                "add " + key + " to the profile: the account id and role name shown in the IAM Identity Center portal"));
        keys.add(p);
        return p.value();
    }
}
