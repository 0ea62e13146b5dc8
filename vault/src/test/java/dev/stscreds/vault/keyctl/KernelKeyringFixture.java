package dev.stscreds.vault.keyctl;

import dev.stscreds.vault.ExternalCommand;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Throwaway keyrings for tests, and whether this machine lets us make them at all. */
final class KernelKeyringFixture {
    private static final ExternalCommand KEYCTL = new ExternalCommand(System.getenv(), Duration.ofSeconds(10));

    private KernelKeyringFixture() {}

    /** Null when keyctl works here; else why not (printed once). */
    static String probe() {
        String reason;
        try {
            ExternalCommand.Result made = KEYCTL.run(List.of("keyctl", "newring", "stscreds-probe-" + UUID.randomUUID(), "@u"), null);
            if (made.ok()) {
                unlink(made.stdoutText().strip());
                return null;
            }
            reason = "keyctl newring failed (the kernel or container refuses keyctl?): " + made.stderr();
        } catch (ExternalCommand.Failure e) {
            reason = "keyctl is not installed (apt-get install -y keyutils): " + e.getMessage();
        }
        System.out.println("SKIPPED: " + reason);
        return reason;
    }

    static String newRing() {
        try {
            ExternalCommand.Result made = KEYCTL.run(List.of("keyctl", "newring", "stscreds-test-" + UUID.randomUUID(), "@u"), null);
            if (!made.ok()) throw new IllegalStateException("keyctl newring: " + made.stderr());
            return made.stdoutText().strip();
        } catch (ExternalCommand.Failure e) {
            throw new IllegalStateException(e);
        }
    }

    static void unlink(String ring) {
        try {
            KEYCTL.run(List.of("keyctl", "unlink", ring, "@u"), null);
        } catch (ExternalCommand.Failure e) {
            throw new IllegalStateException(e);
        }
    }
}
