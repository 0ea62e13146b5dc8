package dev.stscreds.vault.file;

import static dev.stscreds.vault.file.VaultFixtures.keys;
import static dev.stscreds.vault.file.VaultFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.vault.CountingPassphrase;
import dev.stscreds.vault.PassphraseSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers in this JVM and in another process add profiles at once; none is lost. */
class ConcurrentWritersTest {
    private static final String PASSPHRASE = "concurrent passphrase";
    private static final int PER_WRITER = 20;

    @TempDir
    Path temp;

    @Test
    void writersInTwoProcessesLoseNoUpdate() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            Path vault = temp.resolve("vault");
            try (EncryptedFileKeyStore first = store(vault, new CountingPassphrase(PASSPHRASE))) {
                first.put("initial", keys(0));
            }
            Process child = startWriter(vault, "other-process", PER_WRITER);
            try {
                BufferedReader childOut = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertThat(childOut.readLine()).isEqualTo("ready");

                List<String> expected = new ArrayList<>(List.of("initial"));
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(2);
                List<Future<?>> writers = new ArrayList<>();
                for (String prefix : List.of("thread-a", "thread-b")) {
                    for (int i = 0; i < PER_WRITER; i++) expected.add(prefix + "-" + i);
                    writers.add(pool.submit(() -> writeProfiles(vault, prefix, start)));
                }
                for (int i = 0; i < PER_WRITER; i++) expected.add("other-process-" + i);

                OutputStream childIn = child.getOutputStream();
                childIn.write("go\n".getBytes(StandardCharsets.UTF_8));
                childIn.flush();
                start.countDown();
                for (Future<?> writer : writers) writer.get();
                pool.shutdown();

                assertThat(childOut.readLine()).isEqualTo("done");
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as(new String(child.getErrorStream().readAllBytes())).isZero();

                try (EncryptedFileKeyStore reader = store(vault, new CountingPassphrase(PASSPHRASE))) {
                    assertThat(reader.profiles()).containsExactlyInAnyOrderElementsOf(expected);
                    assertThat(reader.get("other-process-7").orElseThrow().accessKeyId())
                            .isEqualTo(keys(7).accessKeyId());
                }
            } finally {
                child.destroyForcibly();
            }
        });
    }

    @Test
    void manyWritersInOneJvmLoseNoUpdate() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Path vault = temp.resolve("vault");
            try (EncryptedFileKeyStore first = store(vault, new CountingPassphrase(PASSPHRASE))) {
                first.put("initial", keys(0));
            }
            int threads = 6;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> writers = new ArrayList<>();
            List<String> expected = new ArrayList<>(List.of("initial"));
            for (int t = 0; t < threads; t++) {
                String prefix = "thread-" + t;
                for (int i = 0; i < PER_WRITER; i++) expected.add(prefix + "-" + i);
                writers.add(pool.submit(() -> writeProfiles(vault, prefix, start)));
            }
            start.countDown();
            for (Future<?> writer : writers) writer.get();
            pool.shutdown();
            try (EncryptedFileKeyStore reader = store(vault, new CountingPassphrase(PASSPHRASE))) {
                assertThat(reader.profiles()).hasSize(1 + threads * PER_WRITER)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        });
    }

    /** Each writer its own store instance, as separate commands would have. */
    private static Void writeProfiles(Path vault, String prefix, CountDownLatch start) throws Exception {
        CountingPassphrase passphrase = new CountingPassphrase(PASSPHRASE);
        try (EncryptedFileKeyStore store = store(vault, passphrase)) {
            store.profiles();
            start.await();
            for (int i = 0; i < PER_WRITER; i++) store.put(prefix + "-" + i, keys(i));
        }
        assertThat(passphrase.calls()).isEqualTo(1);
        return null;
    }

    private static Process startWriter(Path vault, String prefix, int count) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ConcurrentVaultWriter.class.getName(), vault.toString(), prefix, Integer.toString(count));
        builder.environment().put(PassphraseSource.ENVIRONMENT_VARIABLE, PASSPHRASE);
        return builder.start();
    }
}
