package dev.stscreds.resolve;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Every profile, where its credentials come from, and when a session written into it expires. No secret, no network. */
public final class ProfileListing {
    private ProfileListing() {}

    /** One line of the listing. */
    public record Row(String profile, String source, Optional<Instant> sessionExpires) {}

    /** @param vaultProfiles profiles with keys in the vault (empty when it was not opened) */
    public static List<Row> list(Settings settings, Set<String> vaultProfiles) {
        return list(ProfileContext.create(settings, Clock.systemUTC()), Optional.of(vaultProfiles));
    }

    /**
     * @param vaultProfiles the profiles with keys in the vault, or empty when the vault was not
     *                      opened (then profiles kept only there are not listed)
     */
    public static List<Row> list(ProfileContext context, Optional<Set<String>> vaultProfiles) {
        ProfileSet profiles = context.profiles();
        Set<String> inVault = vaultProfiles.orElse(Set.of());
        Set<String> names = new TreeSet<>(profiles.profileNames());
        names.addAll(inVault);
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            Optional<Profile> profile = profiles.profile(name);
            rows.add(new Row(name, source(context, name, profile, inVault, vaultProfiles.isPresent()), expiry(name, profile)));
        }
        return rows;
    }

    private static String source(ProfileContext context, String name, Optional<Profile> profile, Set<String> inVault,
                                 boolean vaultOpened) {
        String vaultKeys = "long-term keys in the stscreds vault";
        String othersNeedLine = vaultKeys + " (for other AWS tools add `credential_process = stscreds credential-process"
                + " --profile " + name + "` to its section of " + context.profiles().configFile() + ")";
        if (profile.isEmpty()) return othersNeedLine;
        try {
            ProfilePlan plan = context.plan(name);
            if (plan instanceof ProfilePlan.VaultKeys vault) {
                boolean keysMissing = vaultOpened && !inVault.contains(name);
                String store = "store them with `stscreds init --profile " + name + "`";
                if (ProfileContext.writtenSession(vault).isPresent()) {
                    return keysMissing
                            ? "session keys in the profile; once they expire, none: the stscreds vault has no keys for it (" + store + ")"
                            : "session keys in the profile, then " + plan.summary();
                }
                if (keysMissing) {
                    return "no credentials: its credential_process asks the stscreds vault, which has no keys for it (" + store + ")";
                }
            }
            return plan.summary();
        } catch (ProfileHasNoCredentialsException e) {
            return inVault.contains(name) ? othersNeedLine : "no credentials (settings only)";
        } catch (CredentialsException e) {
            return "error: " + e.getMessage();
        }
    }

    private static Optional<Instant> expiry(String name, Optional<Profile> profile) {
        return profile.flatMap(p -> p.value("expiration"))
                .flatMap(text -> {
                    try {
                        return Optional.of(Timestamps.parseIso(text, "expiration of profile " + name));
                    } catch (CredentialsException e) {
                        return Optional.empty();
                    }
                });
    }
}
