package dev.stscreds.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration between two real encrypted file vaults, once whole and once failing halfway. */
class VaultMigrationTest {
    @TempDir
    Path temp;

    private VaultKeyStore fileVault(String name) {
        Settings settings = Settings.of(Map.of(), Map.of("STSCREDS_HOME", temp.resolve(name).toString(),
                "STSCREDS_VAULT_PASSPHRASE", "correct horse"), temp);
        return KeyStores.open("file", settings, PassphraseSource.standard(settings));
    }

    private static void fill(VaultKeyStore store) {
        for (int i = 0; i < 4; i++) store.put("p" + i, Credentials.of(String.format("AKIATEST%012d", i), "secret/" + i, "t"));
        store.putPrivateKey("signer", new byte[] {0x30, 1, 2, 3});
    }

    @Test
    void movesEveryProfileAndPrivateKeyThenEmptiesTheSource() {
        VaultKeyStore from = fileVault("a");
        VaultKeyStore to = fileVault("b");
        fill(from);
        VaultMigration.Moved moved = VaultMigration.migrate(from, to);
        assertThat(moved.profiles()).containsExactly("p0", "p1", "p2", "p3");
        assertThat(moved.privateKeys()).containsExactly("signer");
        assertThat(to.profiles()).containsExactly("p0", "p1", "p2", "p3");
        assertThat(to.get("p2").orElseThrow().secretAccessKey()).isEqualTo("secret/2");
        assertThat(to.privateKey("signer")).hasValueSatisfying(k -> assertThat(k).containsExactly(0x30, 1, 2, 3));
        assertThat(from.profiles()).isEmpty();
        assertThat(from.privateKeyNames()).isEmpty();
    }

    @Test
    void aFailureHalfwayRemovesNothingFromTheSource() {
        VaultKeyStore from = fileVault("a");
        VaultKeyStore real = fileVault("b");
        fill(from);
        AtomicInteger puts = new AtomicInteger();
        VaultKeyStore failing = new FailingOnThirdPut(real, puts);
        assertThatThrownBy(() -> VaultMigration.migrate(from, failing))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("could not copy profile p2")
                .hasMessageContaining("nothing was removed")
                .hasMessageNotContaining("secret/");
        assertThat(puts).hasValue(3);
        assertThat(from.profiles()).containsExactly("p0", "p1", "p2", "p3");
        assertThat(from.privateKeyNames()).containsExactly("signer");
        assertThat(from.get("p3").orElseThrow().secretAccessKey()).isEqualTo("secret/3");

        // once the cause is gone, the same migration completes
        VaultMigration.migrate(from, real);
        assertThat(real.profiles()).containsExactly("p0", "p1", "p2", "p3");
        assertThat(from.profiles()).isEmpty();
    }

    /** The destination, failing at its third write as a full disk or a dead agent would. */
    private record FailingOnThirdPut(VaultKeyStore inner, AtomicInteger puts) implements VaultKeyStore {
        @Override public Optional<Credentials> get(String profile) { return inner.get(profile); }
        @Override public void put(String profile, Credentials keys) {
            if (puts.incrementAndGet() == 3) throw new CredentialsException("disk full", "free some space");
            inner.put(profile, keys);
        }
        @Override public boolean remove(String profile) { return inner.remove(profile); }
        @Override public List<String> profiles() { return inner.profiles(); }
        @Override public String describe() { return "failing " + inner.describe(); }
        @Override public void close() { inner.close(); }
    }
}
