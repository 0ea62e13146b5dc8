package dev.stscreds.sso;

import java.time.Duration;

/** Waits between polls; tests inject one that moves their clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return d -> Thread.sleep(d.toMillis());
    }
}
