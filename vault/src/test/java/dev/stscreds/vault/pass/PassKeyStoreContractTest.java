package dev.stscreds.vault.pass;

import dev.stscreds.vault.KeyStoreContract;
import dev.stscreds.vault.VaultKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** pass against the shared contract, with the real pass and gpg and a throwaway key. */
class PassKeyStoreContractTest extends KeyStoreContract {
    @TempDir
    static Path temp;

    private static PassFixture gpg;
    private static int stores;

    @BeforeAll
    static void generateKey() throws Exception {
        gpg = PassFixture.withKey(temp.resolve("gnupg"));
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (gpg != null) gpg.close();
    }

    @Override
    protected VaultKeyStore store() {
        try {
            return gpg.initialisedStore(Files.createDirectories(temp.resolve("store" + (++stores))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
