package dev.stscreds.vault.file;

import static dev.stscreds.vault.file.VaultFixtures.keys;
import static dev.stscreds.vault.file.VaultFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.vault.CountingPassphrase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private keys (for IAM Roles Anywhere) kept beside the long-term keys: encrypted, round-tripped, removable. */
class PrivateKeysInTheVaultTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path temp;

    @Test
    void aPrivateKeyRoundTripsBesideTheProfilesAndNeverAppearsInTheFile() throws Exception {
        Path vault = temp.resolve("home/.stscreds/vault");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] pkcs8 = g.generateKeyPair().getPrivate().getEncoded();
        try (EncryptedFileKeyStore store = store(vault, new CountingPassphrase(PASSPHRASE))) {
            store.put("dev", keys(1));
            store.putPrivateKey("host-7", pkcs8);
        }
        byte[] file = Files.readAllBytes(vault);
        assertThat(indexOf(file, java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length))).isEqualTo(-1);
        assertThat(indexOf(file, java.util.Base64.getEncoder().encodeToString(pkcs8).substring(40, 80).getBytes())).isEqualTo(-1);

        try (EncryptedFileKeyStore store = store(vault, new CountingPassphrase(PASSPHRASE))) {
            assertThat(store.privateKey("host-7")).hasValueSatisfying(k -> assertThat(k).isEqualTo(pkcs8));
            assertThat(store.privateKey("other")).isEmpty();
            assertThat(store.privateKeyNames()).containsExactly("host-7");
            assertThat(store.profiles()).containsExactly("dev");
            assertThat(store.get("dev").orElseThrow().accessKeyId()).isEqualTo(keys(1).accessKeyId());
            store.put("prod", keys(2)); // a profile written later keeps the key
            assertThat(store.privateKey("host-7")).isPresent();
            assertThat(store.removePrivateKey("host-7")).isTrue();
            assertThat(store.removePrivateKey("host-7")).isFalse();
            assertThat(store.profiles()).containsExactly("dev", "prod");
        }
    }

    @Test
    void aWrongPassphraseGivesNoKey() throws Exception {
        Path vault = temp.resolve("v/vault");
        try (EncryptedFileKeyStore store = store(vault, new CountingPassphrase(PASSPHRASE))) {
            store.putPrivateKey("k", new byte[] {1, 2, 3});
        }
        try (EncryptedFileKeyStore store = store(vault, new CountingPassphrase("not it"))) {
            assertThatThrownBy(() -> store.privateKey("k")).hasMessageContaining("passphrase");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
