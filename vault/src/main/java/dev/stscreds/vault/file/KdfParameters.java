package dev.stscreds.vault.file;

import java.util.Arrays;

/**
 * How the vault key is derived from the passphrase: PBKDF2-HMAC-SHA256 with this many iterations
 * and this salt. Stored in the file's header so that a later version can raise the cost.
 */
final class KdfParameters {
    static final int PBKDF2_HMAC_SHA256 = 1;
    /** The floor accepted in a header; new vaults use far more (see EncryptedFileKeyStore). */
    static final int MIN_ITERATIONS = 1_000;
    /** A ceiling that stops a damaged header from making the derivation run for hours. */
    static final int MAX_ITERATIONS = 100_000_000;
    static final int SALT_LENGTH = 16;

    private final int iterations;
    private final byte[] salt;

    KdfParameters(int iterations, byte[] salt) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be between " + MIN_ITERATIONS
                    + " and " + MAX_ITERATIONS + ", not " + iterations);
        }
        this.iterations = iterations;
        this.salt = salt.clone();
    }

    int iterations() {
        return iterations;
    }

    byte[] salt() {
        return salt.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KdfParameters
                && ((KdfParameters) o).iterations == iterations
                && Arrays.equals(((KdfParameters) o).salt, salt);
    }

    @Override
    public int hashCode() {
        return 31 * iterations + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "PBKDF2-HMAC-SHA256, " + iterations + " iterations";
    }
}
