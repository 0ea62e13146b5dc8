package dev.stscreds.vault.file;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.DestroyFailedException;

/**
 * The keys derived from a vault passphrase: one for AES-256-GCM, one check value stored in the
 * header. The check value lets the vault tell "wrong passphrase" (check differs) from "the file was
 * damaged or modified" (check matches, yet the GCM tag fails), which a tag failure alone cannot.
 *
 * <p>Both come from one PBKDF2 output through HMAC with distinct labels, so knowing the check value
 * tells nothing about the encryption key. {@link #close()} wipes them.
 */
final class VaultKey implements AutoCloseable {
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;
    static final int CHECK_LENGTH = 32;
    private static final byte[] ENCRYPTION_LABEL = "stscreds vault v1 encryption key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECK_LABEL = "stscreds vault v1 key check".getBytes(StandardCharsets.US_ASCII);

    private final KdfParameters kdf;
    private final byte[] encryptionKey;
    private final byte[] keyCheck;

    private VaultKey(KdfParameters kdf, byte[] encryptionKey, byte[] keyCheck) {
        this.kdf = kdf;
        this.encryptionKey = encryptionKey;
        this.keyCheck = keyCheck;
    }

    /** Runs the key derivation: deliberately slow (hundreds of milliseconds at the default cost). */
    static VaultKey derive(char[] passphrase, KdfParameters kdf) {
        PBEKeySpec spec = new PBEKeySpec(passphrase, kdf.salt(), kdf.iterations(), 256);
        byte[] master = null;
        try {
            SecretKey derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec);
            master = derived.getEncoded();
            destroyQuietly(derived);
            return new VaultKey(kdf, hmac(master, ENCRYPTION_LABEL), hmac(master, CHECK_LABEL));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks PBKDF2WithHmacSHA256 or HmacSHA256", e);
        } finally {
            spec.clearPassword();
            if (master != null) Arrays.fill(master, (byte) 0);
        }
    }

    KdfParameters kdf() {
        return kdf;
    }

    byte[] keyCheck() {
        return keyCheck.clone();
    }

    /** Constant-time comparison with the check value stored in a header. */
    boolean matches(byte[] storedCheck) {
        return MessageDigest.isEqual(keyCheck, storedCheck);
    }

    byte[] seal(byte[] plaintext, byte[] nonce, byte[] associatedData) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, nonce, associatedData).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws AEADBadTagException when the ciphertext, nonce or associated data were changed */
    byte[] open(byte[] ciphertext, byte[] nonce, byte[] associatedData) throws AEADBadTagException {
        try {
            return cipher(Cipher.DECRYPT_MODE, nonce, associatedData).doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(encryptionKey, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }

    @Override
    public void close() {
        Arrays.fill(encryptionKey, (byte) 0);
        Arrays.fill(keyCheck, (byte) 0);
    }

    @Override
    public String toString() {
        return "VaultKey[" + kdf + "]";
    }

    private static byte[] hmac(byte[] key, byte[] label) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(label);
    }

    private static void destroyQuietly(SecretKey key) {
        try {
            key.destroy();
        } catch (DestroyFailedException notSupported) {
            // the JDK's own cleaner wipes it when collected
        }
    }
}
