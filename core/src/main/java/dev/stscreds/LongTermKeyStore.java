package dev.stscreds;

import java.util.List;
import java.util.Optional;

/**
 * Where long-term access keys live, by profile name: an encrypted file, the OS keyring… Core only
 * sees this interface; the backends live in the {@code vault} module.
 *
 * <p>A store is opened lazily: a backend asks for its passphrase or unlocks its keyring only when
 * a method that needs a key is called, so a cached session never prompts.
 */
public interface LongTermKeyStore {

    /** The long-term keys of a profile, if stored. */
    Optional<Credentials> get(String profile);

    /** Stores (or replaces) a profile's long-term keys. */
    void put(String profile, Credentials longTermKeys);

    /** Removes a profile's keys; false when there were none. */
    boolean remove(String profile);

    /** The profiles that have keys, sorted. */
    List<String> profiles();

    /** Where the keys are kept, for people: e.g. {@code encrypted file ~/.stscreds/vault}. */
    String describe();
}
