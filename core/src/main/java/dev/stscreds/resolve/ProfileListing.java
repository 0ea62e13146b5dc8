package dev.stscreds.resolve;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.Timestamps;
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
        ProfileSet profiles = ProfileSet.load(settings);
        Set<String> names = new TreeSet<>(profiles.profileNames());
        names.addAll(vaultProfiles);
        ProfileResolver resolver = new ProfileResolver(profiles);
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            Optional<Profile> profile = profiles.profile(name);
            String source;
            if (profile.isEmpty()) {
                source = "vault only (add credential_process = stscreds credential-process --profile " + name + ")";
            } else {
                try {
                    source = resolver.plan(name).summary();
                } catch (ProfileHasNoCredentialsException e) {
                    source = vaultProfiles.contains(name) ? "vault" : "no credentials (settings only)";
                } catch (CredentialsException e) {
                    source = vaultProfiles.contains(name) ? "vault" : "error: " + e.getMessage();
                }
            }
            Optional<Instant> expires = profile.flatMap(p -> p.value("expiration"))
                    .flatMap(text -> {
                        try {
                            return Optional.of(Timestamps.parseIso(text, "expiration of profile " + name));
                        } catch (CredentialsException e) {
                            return Optional.empty();
                        }
                    });
            rows.add(new Row(name, source, expires));
        }
        return rows;
    }
}
