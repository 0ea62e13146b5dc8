package dev.stscreds.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.Credentials;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every vault backend promises, run against each real backend by a subclass that says how
 * to open a fresh, empty store.
 */
public abstract class KeyStoreContract {
    protected static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    protected static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final int WRITERS = 6;
    private static final int PROFILES_PER_WRITER = 2;

    /** A fresh, empty store of the backend under test. */
    protected abstract VaultKeyStore store();

    @Test
    void roundTripsKeysWithTheirAccount() {
        VaultKeyStore store = store();
        store.put("dev", Credentials.builder().accessKeyId(KEY_ID).secretAccessKey(SECRET).accountId("123456789012").source("t").build());
        Credentials back = store.get("dev").orElseThrow();
        assertThat(back.accessKeyId()).isEqualTo(KEY_ID);
        assertThat(back.secretAccessKey()).isEqualTo(SECRET);
        assertThat(back.accountId()).contains("123456789012");
        assertThat(back.sessionToken()).isEmpty();
        assertThat(store.profiles()).containsExactly("dev");
    }

    @Test
    void aMissingProfileIsEmptyAndRemovingItSaysSo() {
        VaultKeyStore store = store();
        assertThat(store.get("nobody")).isEmpty();
        assertThat(store.remove("nobody")).isFalse();
        assertThat(store.profiles()).isEmpty();
        assertThat(store.privateKey("nothing")).isEmpty();
        assertThat(store.removePrivateKey("nothing")).isFalse();
    }

    @Test
    void replacesAndRemovesAProfile() {
        VaultKeyStore store = store();
        store.put("dev", Credentials.of(KEY_ID, SECRET, "t"));
        store.put("dev", Credentials.of("AKIAREPLACEDEXAMPLE1", "replaced-secret", "t"));
        assertThat(store.get("dev").orElseThrow().accessKeyId()).isEqualTo("AKIAREPLACEDEXAMPLE1");
        assertThat(store.remove("dev")).isTrue();
        assertThat(store.get("dev")).isEmpty();
        assertThat(store.profiles()).isEmpty();
    }

    @Test
    void keepsPrivateKeysApartFromProfiles() {
        VaultKeyStore store = store();
        byte[] pkcs8 = {0x30, 0x03, 0x02, 0x01, 0x00, 0, 10, 13, (byte) 0xff, 42};
        store.putPrivateKey("signer", pkcs8);
        assertThat(store.privateKey("signer")).hasValueSatisfying(k -> assertThat(k).containsExactly(pkcs8));
        assertThat(store.privateKeyNames()).containsExactly("signer");
        assertThat(store.profiles()).isEmpty();
        assertThat(store.removePrivateKey("signer")).isTrue();
        assertThat(store.privateKey("signer")).isEmpty();
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        VaultKeyStore store = store();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int p = 0; p < PROFILES_PER_WRITER; p++) {
                        store.put("w" + writer + "p" + p, Credentials.of(String.format("AKIATEST%012d", writer * 100 + p), "s" + writer + "/" + p, "t"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        List<String> expected = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            for (int p = 0; p < PROFILES_PER_WRITER; p++) {
                expected.add("w" + w + "p" + p);
                assertThat(store.get("w" + w + "p" + p).orElseThrow().secretAccessKey()).isEqualTo("s" + w + "/" + p);
            }
        }
        assertThat(store.profiles()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void neverShowsASecretInItsDescription() {
        VaultKeyStore store = store();
        store.put("dev", Credentials.of(KEY_ID, SECRET, "t"));
        assertThat(store.describe()).doesNotContain(SECRET);
        assertThat(store.toString()).doesNotContain(SECRET);
        assertThat(store.get("dev").orElseThrow().toString()).doesNotContain(SECRET);
    }
}
