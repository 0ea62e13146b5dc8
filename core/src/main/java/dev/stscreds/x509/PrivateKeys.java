package dev.stscreds.x509;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Private keys from PEM or DER: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED
 * PRIVATE KEY}, with a password), PKCS#1 RSA ({@code RSA PRIVATE KEY}) and SEC1 EC ({@code EC
 * PRIVATE KEY}). The key bytes are wiped once the JDK holds the key.
 */
public final class PrivateKeys {
    private static final byte[] RSA_ENCRYPTION = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] DER_NULL = {0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private PrivateKeys() {
    }

    /** @param password for an encrypted PKCS#8 key; null when it is not encrypted */
    public static PrivateKey read(Path file, char[] password) {
        byte[] bytes = KeyMaterialFiles.read(file, "private key");
        try {
            return parse(bytes, "the private key " + file, password);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** A key from unencrypted PKCS#8 DER, as the vault keeps it. */
    public static PrivateKey fromPkcs8(byte[] der, String origin) {
        return pkcs8(der, origin);
    }

    /**
     * Reads a key file (any form above) and gives it as PKCS#8 DER, e.g. to keep it in the vault.
     *
     * @param password for an encrypted key; null when it is not encrypted
     */
    public static byte[] readAsPkcs8(Path file, char[] password) {
        return read(file, password).getEncoded();
    }

    static PrivateKey parse(byte[] bytes, String origin, char[] password) {
        if (!PemBlock.looksLikePem(bytes)) return pkcs8(bytes, origin);
        List<PemBlock> blocks = PemBlock.parseAll(new String(bytes, StandardCharsets.US_ASCII), origin);
        for (PemBlock b : blocks) {
            try {
                switch (b.type()) {
                    case "PRIVATE KEY":
                        return pkcs8(b.der(), origin);
                    case "RSA PRIVATE KEY":
                        return pkcs8(Der.sequence(VERSION_0, Der.sequence(RSA_ENCRYPTION, DER_NULL),
                                Der.tagged(Der.OCTET_STRING, b.der())), origin);
                    case "EC PRIVATE KEY":
                        return pkcs8(sec1ToPkcs8(b.der(), origin), origin);
                    case "ENCRYPTED PRIVATE KEY":
                        return encrypted(b.der(), origin, password);
                    default:
                        break; // EC PARAMETERS and certificates may sit beside the key
                }
            } finally {
                Arrays.fill(b.der(), (byte) 0);
            }
        }
        throw new X509Exception(origin + " has no private key block (PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY or "
                + "ENCRYPTED PRIVATE KEY)", "point the setting at the private key file");
    }

    private static PrivateKey pkcs8(byte[] der, String origin) {
        String algorithm = algorithmOf(der, origin);
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new X509Exception(origin + " is not a readable " + algorithm + " private key",
                    "check that the file holds the key whole", e);
        }
    }

    /** RSA or EC, from the PKCS#8 AlgorithmIdentifier. */
    private static String algorithmOf(byte[] pkcs8, String origin) {
        try {
            List<Der.Element> top = Der.readWhole(pkcs8).children();
            Der.Element algorithm = top.get(1).children().get(0);
            byte[] oid = algorithm.encoded();
            if (Arrays.equals(oid, RSA_ENCRYPTION)) return "RSA";
            if (Arrays.equals(oid, EC_PUBLIC_KEY)) return "EC";
        } catch (RuntimeException e) {
            throw new X509Exception(origin + " is not a private key (not PKCS#8 DER)", "point the setting at the private key file");
        }
        throw new X509Exception(origin + " holds a key that is neither RSA nor EC", "IAM Roles Anywhere signs with RSA or EC keys");
    }

    /** SEC1 {@code ECPrivateKey} (version, key, [0] curve, [1] public key) wrapped as PKCS#8 with the curve it names. */
    private static byte[] sec1ToPkcs8(byte[] sec1, String origin) {
        byte[] curve = null;
        try {
            for (Der.Element e : Der.readWhole(sec1).children()) {
                if (e.tag() == 0xa0) curve = e.children().get(0).encoded();
            }
        } catch (RuntimeException e) {
            throw new X509Exception(origin + " is not an EC private key", "point the setting at the private key file");
        }
        if (curve == null) {
            throw new X509Exception(origin + " is an EC key that does not name its curve",
                    "convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.p8");
        }
        return Der.sequence(VERSION_0, Der.sequence(EC_PUBLIC_KEY, curve), Der.tagged(Der.OCTET_STRING, sec1));
    }

    private static PrivateKey encrypted(byte[] der, String origin, char[] password) {
        if (password == null) {
            throw new X509Exception(origin + " is encrypted", "give its password (--pkcs8-password, or the profile's password setting)");
        }
        byte[] plain = null;
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            String scheme = info.getAlgParameters() == null ? info.getAlgName() : info.getAlgParameters().toString();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(scheme);
            Cipher cipher = Cipher.getInstance(scheme);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password)), info.getAlgParameters());
            plain = info.getKeySpec(cipher).getEncoded();
            return pkcs8(plain, origin);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new X509Exception(origin + " could not be decrypted: the password is wrong or its encryption is not supported",
                    "check the password; or re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out KEY.p8", e);
        } finally {
            if (plain != null) Arrays.fill(plain, (byte) 0);
        }
    }
}
