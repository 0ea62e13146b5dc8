package dev.stscreds.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.vault.file.EncryptedFileKeyStore;
import dev.stscreds.vault.secretservice.SecretServiceKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoresTest {
    @TempDir
    Path temp;

    private Settings settings(String... env) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < env.length; i += 2) map.put(env[i], env[i + 1]);
        return Settings.of(Map.of(), map, temp.resolve("home"));
    }

    @Test
    void homeIsDotStscredsUnlessSet() {
        assertThat(KeyStores.home(settings())).isEqualTo(temp.resolve("home/.stscreds"));
        assertThat(KeyStores.home(settings("STSCREDS_HOME", "~/elsewhere"))).isEqualTo(temp.resolve("home/elsewhere"));
        assertThat(EncryptedFileKeyStore.defaultFile(settings("STSCREDS_HOME", temp.resolve("x").toString())))
                .isEqualTo(temp.resolve("x/vault"));
    }

    @Test
    void fileIsChosenByName() {
        VaultKeyStore store = KeyStores.open(settings("STSCREDS_VAULT", "file", "STSCREDS_HOME", temp.resolve("h").toString()),
                new CountingPassphrase("p"));
        assertThat(store).isInstanceOf(EncryptedFileKeyStore.class);
        assertThat(store.describe()).isEqualTo("encrypted file " + temp.resolve("h/vault"));
    }

    @Test
    void secretServiceIsChosenByName() {
        VaultKeyStore store = KeyStores.open(settings("STSCREDS_VAULT", "secret-service",
                "DBUS_SESSION_BUS_ADDRESS", "unix:path=" + temp.resolve("bus")), new CountingPassphrase("p"));
        assertThat(store).isInstanceOf(SecretServiceKeyStore.class);
    }

    @Test
    void anUnknownKindIsAnError() {
        assertThatThrownBy(() -> KeyStores.open(settings("STSCREDS_VAULT", "keychain"), new CountingPassphrase("p")))
                .isInstanceOf(CredentialsException.class)
                .hasMessage("STSCREDS_VAULT=keychain names no vault");
    }

    @Test
    void withoutASecretServiceTheDefaultIsTheFileAndNothingIsAsked() {
        CountingPassphrase passphrase = new CountingPassphrase("p");
        VaultKeyStore store = KeyStores.open(settings(), passphrase);
        assertThat(store).isInstanceOf(EncryptedFileKeyStore.class);
        assertThat(passphrase.calls()).isZero();
    }

    @Test
    void anExistingVaultFileWinsOverAKeyringThatAppearedLater() throws Exception {
        Path home = temp.resolve("h");
        Files.createDirectories(home);
        Files.write(home.resolve("vault"), new byte[] {1});
        // the bus socket is never even tried when the file exists: this one does not exist
        VaultKeyStore store = KeyStores.open(settings("STSCREDS_HOME", home.toString(),
                "DBUS_SESSION_BUS_ADDRESS", "unix:path=" + temp.resolve("bus")), new CountingPassphrase("p"));
        assertThat(store).isInstanceOf(EncryptedFileKeyStore.class);
    }
}
