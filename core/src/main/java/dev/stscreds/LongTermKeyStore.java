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

    /**
     * A private key kept under a name (PKCS#8 DER), such as the key of an IAM Roles Anywhere
     * certificate; the caller wipes the returned array. Backends that keep none answer empty.
     */
    default Optional<byte[]> privateKey(String name) {
        return Optional.empty();
    }

    /** Stores (or replaces) a private key (PKCS#8 DER) under a name. */
    default void putPrivateKey(String name, byte[] pkcs8) {
        throw new CredentialsException(describe() + " does not keep private keys",
                "use the encrypted file vault (STSCREDS_VAULT=file) or the Secret Service (STSCREDS_VAULT=secret-service)");
    }

    /** Removes a private key; false when there was none. */
    default boolean removePrivateKey(String name) {
        return false;
    }

    /** The names of the private keys kept, sorted. */
    default List<String> privateKeyNames() {
        return List.of();
    }
}
