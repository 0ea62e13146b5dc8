package dev.stscreds.vault.file;

import dev.stscreds.CredentialsException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The vault file's header, which is also the associated data of the AES-GCM ciphertext after it.
 *
 * <pre>
 * magic            15 bytes  "stscreds vault\n"
 * format version    1 byte   1
 * KDF id            1 byte   1 = PBKDF2-HMAC-SHA256
 * KDF iterations    4 bytes  big-endian
 * salt length       1 byte   then the salt
 * key check        32 bytes  HMAC-SHA256 of a constant under a key derived from the passphrase
 * nonce            12 bytes  fresh on every write
 * ciphertext size   4 bytes  big-endian, GCM tag included
 * header checksum  32 bytes  SHA-256 of everything above
 * </pre>
 *
 * The unkeyed checksum makes a damaged header say "damaged" rather than "wrong passphrase" (a
 * flipped salt bit would otherwise change the derived key); it is no defence against a deliberate
 * edit, which the GCM tag over the header catches.
 */
final class VaultHeader {
    static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "stscreds vault\n".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECKSUM_LENGTH = 32;
    private static final int MAX_CIPHERTEXT_LENGTH = 16 * 1024 * 1024;

    private final KdfParameters kdf;
    private final byte[] keyCheck;
    private final byte[] nonce;
    private final int ciphertextLength;

    VaultHeader(KdfParameters kdf, byte[] keyCheck, byte[] nonce, int ciphertextLength) {
        this.kdf = kdf;
        this.keyCheck = keyCheck.clone();
        this.nonce = nonce.clone();
        this.ciphertextLength = ciphertextLength;
    }

    KdfParameters kdf() {
        return kdf;
    }

    byte[] keyCheck() {
        return keyCheck.clone();
    }

    byte[] nonce() {
        return nonce.clone();
    }

    int ciphertextLength() {
        return ciphertextLength;
    }

    /** The header's bytes, checksum included. */
    byte[] encode() {
        byte[] salt = kdf.salt();
        ByteBuffer b = ByteBuffer.allocate(lengthFor(salt.length));
        b.put(MAGIC).put((byte) FORMAT_VERSION).put((byte) KdfParameters.PBKDF2_HMAC_SHA256)
                .putInt(kdf.iterations()).put((byte) salt.length).put(salt)
                .put(keyCheck).put(nonce).putInt(ciphertextLength);
        b.put(sha256(b.array(), b.position()));
        return b.array();
    }

    /** The length of this header in the file. */
    int length() {
        return lengthFor(kdf.salt().length);
    }

    private static int lengthFor(int saltLength) {
        return MAGIC.length + 1 + 1 + 4 + 1 + saltLength + VaultKey.CHECK_LENGTH + VaultKey.NONCE_LENGTH + 4
                + CHECKSUM_LENGTH;
    }

    /**
     * Reads the header of a whole vault file and checks that the file has exactly the ciphertext
     * the header announces.
     *
     * @throws CredentialsException naming the file: truncated, not a vault, unknown version, damaged
     */
    static VaultHeader parse(byte[] file, Path where) {
        int magicSeen = Math.min(file.length, MAGIC.length);
        if (!Arrays.equals(file, 0, magicSeen, MAGIC, 0, magicSeen)) {
            throw new CredentialsException(where + " is not a stscreds vault file (it does not start with the vault header)",
                    "move the file away, or set STSCREDS_HOME to the folder that holds your vault");
        }
        if (file.length <= MAGIC.length) throw truncated(where, file.length, "too few to hold its header");
        int version = file[MAGIC.length] & 0xff;
        if (version != FORMAT_VERSION) {
            throw new CredentialsException("the vault file " + where + " has format version " + version
                    + "; this stscreds reads version " + FORMAT_VERSION,
                    "it was written by a newer stscreds: use that version (or newer) to open it");
        }
        int saltLengthAt = MAGIC.length + 1 + 1 + 4;
        if (file.length <= saltLengthAt) throw truncated(where, file.length, "too few to hold its header");
        int headerLength = lengthFor(file[saltLengthAt] & 0xff);
        if (file.length < headerLength) throw truncated(where, file.length, "too few to hold its header");

        byte[] checksum = Arrays.copyOfRange(file, headerLength - CHECKSUM_LENGTH, headerLength);
        if (!MessageDigest.isEqual(checksum, sha256(file, headerLength - CHECKSUM_LENGTH))) {
            throw damaged(where, "its header fails its checksum");
        }
        ByteBuffer b = ByteBuffer.wrap(file, MAGIC.length + 1, headerLength - MAGIC.length - 1);
        int kdfId = b.get() & 0xff;
        if (kdfId != KdfParameters.PBKDF2_HMAC_SHA256) {
            throw new CredentialsException("the vault file " + where + " uses key derivation #" + kdfId
                    + ", which this stscreds does not know",
                    "it was written by a newer stscreds: use that version (or newer) to open it");
        }
        int iterations = b.getInt();
        byte[] salt = new byte[b.get() & 0xff];
        b.get(salt);
        byte[] keyCheck = new byte[VaultKey.CHECK_LENGTH];
        b.get(keyCheck);
        byte[] nonce = new byte[VaultKey.NONCE_LENGTH];
        b.get(nonce);
        int ciphertextLength = b.getInt();

        if (salt.length < KdfParameters.SALT_LENGTH || iterations < KdfParameters.MIN_ITERATIONS
                || iterations > KdfParameters.MAX_ITERATIONS) {
            throw damaged(where, "its header has impossible key-derivation parameters");
        }
        if (ciphertextLength < VaultKey.TAG_LENGTH || ciphertextLength > MAX_CIPHERTEXT_LENGTH) {
            throw damaged(where, "its header announces an impossible size");
        }
        long expected = (long) headerLength + ciphertextLength;
        if (file.length < expected) throw truncated(where, file.length, "its header announces " + expected);
        if (file.length > expected) {
            throw damaged(where, "it has " + (file.length - expected) + " bytes after the end of the vault");
        }
        return new VaultHeader(new KdfParameters(iterations, salt), keyCheck, nonce, ciphertextLength);
    }

    static CredentialsException damaged(Path where, String why) {
        return new CredentialsException("the vault file " + where + " is damaged or was modified: " + why,
                "restore it from a backup; do not re-create it until you have saved the damaged file");
    }

    private static CredentialsException truncated(Path where, int length, String shortOf) {
        return new CredentialsException("the vault file " + where + " is truncated: it has " + length
                + " bytes, " + shortOf,
                "it was cut short (an interrupted copy or a full disk?): restore it from a backup");
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }
}
