package dev.stscreds.vault.secretservice;

import dev.stscreds.config.Settings;
import dev.stscreds.vault.KeyStoreContract;
import dev.stscreds.vault.VaultKeyStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The Secret Service backend against the shared contract, on a real gnome-keyring (skipped without one). */
class SecretServiceContractTest extends KeyStoreContract {
    @TempDir
    Path temp;

    private KeyringDaemon keyring;

    @BeforeEach
    void startKeyring() throws Exception {
        keyring = KeyringDaemon.withKeyring(temp);
    }

    @AfterEach
    void stopKeyring() throws Exception {
        if (keyring != null) keyring.close();
    }

    @Override
    protected VaultKeyStore store() {
        return SecretServiceKeyStore.open(Settings.of(Map.of(), keyring.environment(), temp));
    }
}
