package dev.stscreds.vault;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.LongTermKeyStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves every profile's keys and every private key from one store to another. Nothing is removed
 * from the source until every write to the destination succeeded and reads back the same, so a
 * failure halfway leaves the source whole (the destination may then hold copies, which a retry
 * overwrites).
 */
public final class VaultMigration {
    private VaultMigration() {}

    /** What was moved. */
    public record Moved(List<String> profiles, List<String> privateKeys) {}

    public static Moved migrate(LongTermKeyStore from, LongTermKeyStore to) {
        Map<String, Credentials> profiles = new LinkedHashMap<>();
        for (String profile : from.profiles()) {
            profiles.put(profile, from.get(profile).orElseThrow(() -> new CredentialsException(
                    "profile " + profile + " vanished from " + from.describe() + " while migrating", "run the migration again")));
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        try {
            for (String name : from.privateKeyNames()) {
                keys.put(name, from.privateKey(name).orElseThrow(() -> new CredentialsException(
                        "private key " + name + " vanished from " + from.describe() + " while migrating", "run the migration again")));
            }
            for (Map.Entry<String, Credentials> e : profiles.entrySet()) {
                write(to, "profile " + e.getKey(), from, () -> to.put(e.getKey(), e.getValue()));
                Credentials back = to.get(e.getKey()).orElse(null);
                if (back == null || !back.accessKeyId().equals(e.getValue().accessKeyId())
                        || !back.secretAccessKey().equals(e.getValue().secretAccessKey())) {
                    throw notCopied("profile " + e.getKey(), from, to, "it did not read back the same");
                }
            }
            for (Map.Entry<String, byte[]> e : keys.entrySet()) {
                write(to, "private key " + e.getKey(), from, () -> to.putPrivateKey(e.getKey(), e.getValue()));
                byte[] back = to.privateKey(e.getKey()).orElse(null);
                boolean same = Arrays.equals(back, e.getValue());
                if (back != null) Arrays.fill(back, (byte) 0);
                if (!same) throw notCopied("private key " + e.getKey(), from, to, "it did not read back the same");
            }
            // every copy is in place: only now may the source forget them
            for (String profile : profiles.keySet()) from.remove(profile);
            for (String name : keys.keySet()) from.removePrivateKey(name);
            return new Moved(List.copyOf(profiles.keySet()), List.copyOf(keys.keySet()));
        } finally {
            keys.values().forEach(k -> Arrays.fill(k, (byte) 0));
        }
    }

    private static void write(LongTermKeyStore to, String what, LongTermKeyStore from, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            throw notCopied(what, from, to, e.getMessage());
        }
    }

    private static CredentialsException notCopied(String what, LongTermKeyStore from, LongTermKeyStore to, String why) {
        return new CredentialsException("could not copy " + what + " to " + to.describe() + " (" + why + "); "
                + from.describe() + " still holds every key, nothing was removed",
                "fix the cause and run the migration again: keys already copied are overwritten");
    }
}
