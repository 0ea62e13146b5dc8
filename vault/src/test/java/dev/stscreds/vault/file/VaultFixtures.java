package dev.stscreds.vault.file;

import dev.stscreds.Credentials;
import dev.stscreds.vault.PassphraseSource;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Keys and stores for vault tests; the KDF is cheap here so that tests run fast. */
final class VaultFixtures {
    static final int CHEAP_ITERATIONS = 1_000;
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";

    private VaultFixtures() {}

    static EncryptedFileKeyStore store(Path file, PassphraseSource passphrases) {
        return EncryptedFileKeyStore.builder(file, passphrases)
                .kdfIterations(CHEAP_ITERATIONS)
                .random(new SecureRandom())
                .build();
    }

    static Credentials keys(String keyId, String secret) {
        return Credentials.of(keyId, secret, "test");
    }

    static Credentials keys(int n) {
        return keys(String.format("AKIATESTKEY%09d", n), "secret/" + n + "/abcdefghijklmnopqrstuvwxyz0123456789");
    }
}
