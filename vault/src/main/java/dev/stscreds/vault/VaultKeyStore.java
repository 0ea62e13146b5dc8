package dev.stscreds.vault;

import dev.stscreds.LongTermKeyStore;

/**
 * A {@link LongTermKeyStore} that may hold key material once opened; {@link #close()} wipes it.
 * Closing a store that holds nothing does nothing.
 */
public interface VaultKeyStore extends LongTermKeyStore, AutoCloseable {
    @Override
    void close();
}
