package dev.stscreds.sso;

import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileFileEditor;
import dev.stscreds.config.ProfileFileKind;
import dev.stscreds.config.ProfileSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The profiles an IAM Identity Center login can serve, one per account and role, named
 * {@code <account-name>-<role>}, and which of them the config file has already.
 */
public final class SsoProfiles {
    /** One account and role; {@code existingProfile} is the config profile that already uses it, if any. */
    public record Entry(String profileName, String accountId, String accountName, String roleName,
                        Optional<String> existingProfile) {}

    private SsoProfiles() {}

    /** Every role of every account, in the portal's order, matched against the profiles of {@code profiles}. */
    public static List<Entry> entries(List<SsoAccount> accounts, SsoSessionConfig config, ProfileSet profiles) {
        List<Entry> entries = new ArrayList<>();
        for (SsoAccount account : accounts) {
            for (String role : account.roleNames()) {
                String name = profileName(account.accountName().isEmpty() ? account.accountId() : account.accountName(), role);
                Optional<String> existing = profiles.profileNames().stream()
                        .filter(p -> usesRole(profiles.profile(p).orElseThrow(), config, account.accountId(), role))
                        .findFirst()
                        .or(() -> profiles.profile(name).map(Profile::name));
                entries.add(new Entry(name, account.accountId(), account.accountName(), role, existing));
            }
        }
        return List.copyOf(entries);
    }

    /**
     * Adds a {@code [profile NAME]} section for every entry without a profile to the config file; every
     * other byte of the file stays. Returns the entries written.
     */
    public static List<Entry> writeMissing(List<Entry> entries, SsoSessionConfig config, ProfileSet profiles) {
        ProfileFileEditor editor = ProfileFileEditor.of(profiles.configFile(), ProfileFileKind.CONFIG);
        List<Entry> written = new ArrayList<>();
        for (Entry e : entries) {
            if (e.existingProfile().isPresent()) continue;
            Map<String, String> keys = new LinkedHashMap<>();
            if (config.sessionName().isPresent()) {
                keys.put("sso_session", config.sessionName().get());
            } else {
                keys.put("sso_start_url", config.startUrl());
                keys.put("sso_region", config.region());
            }
            keys.put("sso_account_id", e.accountId());
            keys.put("sso_role_name", e.roleName());
            editor.update(e.profileName(), keys, Set.of());
            written.add(e);
        }
        return List.copyOf(written);
    }

    /** {@code <account-name>-<role>} with every character a profile name may not hold replaced by {@code -}. */
    static String profileName(String accountName, String roleName) {
        String raw = accountName + "-" + roleName;
        String clean = raw.replaceAll("[^A-Za-z0-9_.\\-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        return clean.isEmpty() ? "sso-profile" : clean;
    }

    private static boolean usesRole(Profile p, SsoSessionConfig config, String accountId, String role) {
        boolean sameLogin = config.sessionName().map(n -> p.value("sso_session").filter(n::equals).isPresent())
                .orElseGet(() -> p.value("sso_start_url").filter(config.startUrl()::equals).isPresent());
        return sameLogin && p.value("sso_account_id").filter(accountId::equals).isPresent()
                && p.value("sso_role_name").filter(role::equals).isPresent();
    }
}
