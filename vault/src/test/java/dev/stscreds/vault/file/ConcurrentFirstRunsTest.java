package dev.stscreds.vault.file;

import static dev.stscreds.vault.file.VaultFixtures.keys;
import static dev.stscreds.vault.file.VaultFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.CredentialsException;
import dev.stscreds.vault.CountingPassphrase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several first runs at once, each finding no vault and each making a key for a new one: with one passphrase
 * all succeed and every key lands in the one vault; with different passphrases the later ones are refused
 * with a clear error and nothing is overwritten.
 */
class ConcurrentFirstRunsTest {
    private static final int RUNS = 12;

    @TempDir
    Path temp;

    @Test
    void concurrentFirstRunsWithOnePassphraseAllSucceed() throws Exception {
        Path vault = temp.resolve("vault");
        List<EncryptedFileKeyStore> stores = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(RUNS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < RUNS; i++) {
                // One store per run, as each process has its own.
                EncryptedFileKeyStore store = store(vault, new CountingPassphrase("one shared passphrase"));
                stores.add(store);
                int n = i;
                runs.add(pool.submit(() -> {
                    go.await();
                    store.put("profile-" + n, keys(n));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> run : runs) run.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            stores.forEach(EncryptedFileKeyStore::close);
        }
        try (EncryptedFileKeyStore reader = store(vault, new CountingPassphrase("one shared passphrase"))) {
            assertThat(reader.profiles()).hasSize(RUNS);
            assertThat(reader.get("profile-7")).hasValueSatisfying(k -> assertThat(k.accessKeyId()).isEqualTo(keys(7).accessKeyId()));
        }
    }

    @Test
    void aFirstRunThatLostTheRaceWithAnotherPassphraseIsRefusedAndChangesNothing() throws Exception {
        Path vault = temp.resolve("vault");
        EncryptedFileKeyStore late = store(vault, new CountingPassphrase("the late one's passphrase"));
        EncryptedFileKeyStore early = store(vault, new CountingPassphrase("the early one's passphrase"));
        try (late; early) {
            // The late run makes its key first (no vault yet), then the early run creates the vault.
            late.profiles(); // opens nothing: there is no vault
            Thread racing = new Thread(() -> early.put("early", keys(1)));
            // make the late run's key while the vault is still missing
            java.lang.reflect.Method open = EncryptedFileKeyStore.class.getDeclaredMethod("openForWriting");
            open.setAccessible(true);
            open.invoke(late);
            racing.start();
            racing.join();
            byte[] before = Files.readAllBytes(vault);
            assertThatThrownBy(() -> late.put("late", keys(2))).isInstanceOf(CredentialsException.class)
                    .hasMessageContaining("created the vault file " + vault.toAbsolutePath() + " at the same time, with a different passphrase");
            assertThat(Files.readAllBytes(vault)).isEqualTo(before);
        }
    }
}
