package dev.stscreds.vault.file;

import dev.stscreds.config.Settings;
import dev.stscreds.vault.PassphraseSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The other process in {@link ConcurrentWritersTest}: says "ready", waits for a line on standard
 * input, then stores {@code count} profiles named {@code prefix-0…} and says "done".
 * Arguments: vault file, prefix, count. Passphrase: STSCREDS_VAULT_PASSPHRASE.
 */
public final class ConcurrentVaultWriter {
    public static void main(String[] args) throws Exception {
        Path vault = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        PassphraseSource passphrase = PassphraseSource.environment(Settings.fromSystem());
        try (EncryptedFileKeyStore store = VaultFixtures.store(vault, passphrase)) {
            store.profiles(); // open before the start signal, so that the writes overlap
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            for (int i = 0; i < count; i++) {
                store.put(prefix + "-" + i, VaultFixtures.keys(i));
            }
        }
        System.out.println("done");
    }
}
