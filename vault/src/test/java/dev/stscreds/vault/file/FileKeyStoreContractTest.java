package dev.stscreds.vault.file;

import dev.stscreds.vault.KeyStoreContract;
import dev.stscreds.vault.VaultKeyStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted file vault against the shared backend contract. */
class FileKeyStoreContractTest extends KeyStoreContract {
    @TempDir
    Path temp;

    private EncryptedFileKeyStore store;

    @Override
    protected VaultKeyStore store() {
        store = VaultFixtures.store(temp.resolve("vault"), purpose -> "correct horse".toCharArray());
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) store.close();
    }
}
