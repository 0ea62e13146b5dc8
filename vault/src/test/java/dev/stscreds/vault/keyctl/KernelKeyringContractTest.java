package dev.stscreds.vault.keyctl;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.stscreds.vault.ExternalCommand;
import dev.stscreds.vault.KeyStoreContract;
import dev.stscreds.vault.VaultKeyStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The kernel keyring against the shared contract, with the real keyctl. Each test gets its own new
 * keyring linked under the user keyring (and unlinked after), so the user's own keys are untouched.
 */
class KernelKeyringContractTest extends KeyStoreContract {
    private static final ExternalCommand KEYCTL = new ExternalCommand(System.getenv(), Duration.ofSeconds(10));
    private static String skipReason;

    private String ring;

    @BeforeAll
    static void probe() {
        skipReason = KernelKeyringFixture.probe();
    }

    @Override
    protected VaultKeyStore store() {
        assumeThat(skipReason).as("kernel keyring unusable: %s", skipReason).isNull();
        ring = KernelKeyringFixture.newRing();
        return new KernelKeyringStore(ring, KEYCTL);
    }

    @AfterEach
    void unlinkRing() {
        if (ring != null) KernelKeyringFixture.unlink(ring);
    }
}
