package dev.stscreds.vault.secretservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.vault.KeyStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real gnome-keyring-daemon on a private session bus. */
class SecretServiceKeyStoreTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final Duration GUARD = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private KeyringDaemon keyring;
    private Settings settings;

    @BeforeEach
    void startKeyring() throws Exception {
        keyring = KeyringDaemon.withKeyring(temp);
        settings = Settings.of(Map.of(), keyring.environment(), temp);
    }

    @AfterEach
    void stopKeyring() throws Exception {
        if (keyring != null) keyring.close();
    }

    @Test
    void aRunningKeyringIsAvailable() {
        assertThat(assertTimeoutPreemptively(GUARD, () -> SecretServiceKeyStore.available(settings))).isTrue();
    }

    @Test
    void theDefaultChoiceIsARunningKeyringWhenNoVaultFileExists() {
        assertThat(KeyStores.open(settings, purpose -> {
            throw new AssertionError("no passphrase is needed");
        })).isInstanceOf(SecretServiceKeyStore.class);
    }

    @Test
    void roundTripsPrivateKeysApartFromProfiles() {
        assertTimeoutPreemptively(GUARD, () -> {
            SecretServiceKeyStore store = SecretServiceKeyStore.open(settings);
            byte[] pkcs8 = {0x30, 0x03, 0x02, 0x01, 0x00, 42, 7};
            store.putPrivateKey("host-7", pkcs8);
            store.putPrivateKey("host-7", pkcs8); // replaced, not doubled
            store.put("dev", Credentials.of(KEY_ID, SECRET, "test"));

            SecretServiceKeyStore again = SecretServiceKeyStore.open(settings);
            assertThat(again.privateKey("host-7")).hasValueSatisfying(k -> assertThat(k).isEqualTo(pkcs8));
            assertThat(again.privateKeyNames()).containsExactly("host-7");
            assertThat(again.profiles()).containsExactly("dev");
            assertThat(again.removePrivateKey("host-7")).isTrue();
            assertThat(again.privateKey("host-7")).isEmpty();
            assertThat(again.get("dev")).isPresent();
        });
    }

    @Test
    void roundTripsKeys() {
        assertTimeoutPreemptively(GUARD, () -> {
            SecretServiceKeyStore store = SecretServiceKeyStore.open(settings);
            assertThat(store.get("dev")).isEmpty();
            assertThat(store.profiles()).isEmpty();

            store.put("dev", Credentials.builder().accessKeyId(KEY_ID).secretAccessKey(SECRET)
                    .accountId("123456789012").build());
            store.put("production", Credentials.of("AKIAPRODUCTION000001", "production/secret", "test"));

            Credentials dev = SecretServiceKeyStore.open(settings).get("dev").orElseThrow();
            assertThat(dev.accessKeyId()).isEqualTo(KEY_ID);
            assertThat(dev.secretAccessKey()).isEqualTo(SECRET);
            assertThat(dev.accountId()).contains("123456789012");
            assertThat(dev.source()).isEqualTo("profile dev in Secret Service (desktop keyring) on " + keyring.socket());
            assertThat(store.profiles()).containsExactly("dev", "production");

            assertThat(store.remove("production")).isTrue();
            assertThat(store.remove("production")).isFalse();
            assertThat(store.get("production")).isEmpty();
            assertThat(store.profiles()).containsExactly("dev");
        });
    }

    @Test
    void putReplacesTheProfilesItem() {
        assertTimeoutPreemptively(GUARD, () -> {
            SecretServiceKeyStore store = SecretServiceKeyStore.open(settings);
            store.put("dev", Credentials.of(KEY_ID, SECRET, "test"));
            store.put("dev", Credentials.of("AKIAREPLACEMENT00001", "replaced/secret", "test"));
            assertThat(store.get("dev").orElseThrow().secretAccessKey()).isEqualTo("replaced/secret");
            try (SecretService service = SecretService.open(keyring.socket(), GUARD, GUARD)) {
                assertThat(service.search(Map.of("application", "stscreds", "profile", "dev"))).hasSize(1);
            }
        });
    }

    @Test
    void itemsAreTheKeyringsOwnAsOtherToolsSeeThem() throws Exception {
        KeyringDaemon.onPath("secret-tool").orElseThrow(() -> new org.opentest4j.TestAbortedException(
                "secret-tool is not installed (Debian: " + KeyringDaemon.INSTALL + ")"));
        SecretServiceKeyStore.open(settings).put("dev", Credentials.of(KEY_ID, SECRET, "test"));
        String json = keyring.run("", "secret-tool", "lookup", "application", "stscreds", "profile", "dev");
        assertThat(json).isEqualTo("{\"accessKeyId\":\"" + KEY_ID + "\",\"secretAccessKey\":\"" + SECRET + "\"}");
    }

    @Test
    void anItemThatIsNotOursIsReportedWithoutItsSecret() throws Exception {
        KeyringDaemon.onPath("secret-tool").orElseThrow(() -> new org.opentest4j.TestAbortedException(
                "secret-tool is not installed (Debian: " + KeyringDaemon.INSTALL + ")"));
        keyring.run("not json at all: hunter2", "secret-tool", "store", "--label=other", "application", "stscreds",
                "profile", "odd");
        SecretServiceKeyStore store = SecretServiceKeyStore.open(settings);
        assertThat(store.profiles()).containsExactly("odd");
        assertThatThrownBy(() -> store.get("odd"))
                .isInstanceOf(CredentialsException.class)
                .hasMessage("the keyring item of profile odd (application=stscreds) does not hold stscreds keys")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aLockedKeyringIsUnlockedThroughItsPromptAndAFailedPromptIsReported() throws Exception {
        SecretServiceKeyStore store = SecretServiceKeyStore.open(settings);
        store.put("dev", Credentials.of(KEY_ID, SECRET, "test"));
        try (BusConnection bus = BusConnection.open(keyring.socket(), GUARD)) {
            bus.call(SecretService.NAME, "/org/freedesktop/secrets", "org.freedesktop.Secret.Service", "Lock", "ao",
                    List.of(List.of("/org/freedesktop/secrets/aliases/default")), GUARD);
        }
        // no prompter can show a dialog on this private bus: the prompt ends at once, and so must we
        CredentialsException e = assertTimeoutPreemptively(GUARD,
                () -> catchThrowableOfType(CredentialsException.class, () -> store.get("dev")));
        assertThat(e).hasMessageStartingWith("reading profile dev: the keyring prompt for unlocking the keyring was dismissed");
        assertThat(e.describe()).doesNotContain(SECRET);
        assertThat(store.profiles()).as("attributes stay readable while locked").containsExactly("dev");
    }

    @Test
    void temporaryCredentialsAreRefused() {
        Credentials session = Credentials.of(KEY_ID, SECRET, "test").toBuilder().sessionToken("FwoGZXIvYXdzsession").build();
        assertThatThrownBy(() -> SecretServiceKeyStore.open(settings).put("dev", session))
                .hasMessageContaining("are temporary")
                .hasMessageNotContaining("FwoGZXIvYXdz");
    }

    @Test
    void describeAndToStringNameTheBusOnly() {
        SecretServiceKeyStore store = SecretServiceKeyStore.open(settings);
        store.put("dev", Credentials.of(KEY_ID, SECRET, "test"));
        assertThat(store.describe()).isEqualTo("Secret Service (desktop keyring) on " + keyring.socket());
        assertThat(store.toString()).doesNotContain(SECRET).doesNotContain(KEY_ID);
        assertThat(store.get("dev").orElseThrow().toString()).doesNotContain(SECRET);
    }
}
