package dev.stscreds.x509;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * A key on a PKCS#11 token (smart card, HSM, SoftHSM), used through the JDK's SunPKCS11 provider:
 * signatures are made on the token and the key never leaves it. The certificate comes from the
 * token (the object with the key's label) unless a certificate file is given.
 */
public final class Pkcs11Token {
    /** Tokens tried when the URI names no slot: enough for a reader with several cards. */
    private static final int MAX_SLOTS_TRIED = 16;

    private Pkcs11Token() {
    }

    /**
     * @param library     the PKCS#11 module ({@code libsofthsm2.so}, {@code opensc-pkcs11.so}); the URI's module-path wins
     * @param certificate the certificate from a file, or null to take it from the token
     * @param pin         asked only when the URI carries no PIN
     */
    public static SigningIdentity open(Pkcs11Uri uri, String library, X509Certificate certificate,
                                       List<X509Certificate> intermediates, Supplier<char[]> pin) {
        String module = uri.modulePath().orElse(library);
        if (module == null || module.isBlank()) {
            throw new X509Exception("no PKCS#11 library is named for " + uri, "name it with --pkcs11-lib or module-path in the URI");
        }
        if (!Files.isRegularFile(Path.of(module))) {
            throw new X509Exception("the PKCS#11 library " + module + " does not exist", "install the token's PKCS#11 module, or fix the path");
        }
        char[] secret = uri.pinValue().map(String::toCharArray).orElseGet(() -> readPinSource(uri).orElseGet(pin));
        List<String> attempts = new ArrayList<>();
        int last = uri.slotId().isPresent() ? 1 : MAX_SLOTS_TRIED;
        for (int index = 0; index < last; index++) {
            String slot = uri.slotId().map(id -> "slot = " + id).orElse("slotListIndex = " + index);
            Provider provider;
            try {
                provider = Security.getProvider("SunPKCS11").configure("--name = stscreds-" + index + "\nlibrary = " + module + "\n" + slot + "\n");
            } catch (RuntimeException e) {
                attempts.add(slot + ": " + e.getClass().getSimpleName());
                if (uri.slotId().isEmpty() && index > 0) break; // no more slots
                continue;
            }
            try {
                KeyStore store = KeyStore.getInstance("PKCS11", provider);
                store.load(null, secret);
                String alias = findKey(store, uri);
                if (alias == null) {
                    // the JDK lists a token's key only when its certificate is stored beside it (same CKA_ID)
                    attempts.add(slot + ": no private key with its certificate" + uri.object().map(o -> " labelled \"" + o + "\"").orElse(""));
                    continue;
                }
                PrivateKey key = (PrivateKey) store.getKey(alias, null);
                X509Certificate cert = certificate;
                List<X509Certificate> chain = new ArrayList<>(intermediates);
                if (cert == null) {
                    Certificate[] fromToken = store.getCertificateChain(alias);
                    if (fromToken == null || fromToken.length == 0) {
                        throw new X509Exception("the token has no certificate for the key \"" + alias + "\"",
                                "store the certificate on the token under the key's label, or give it with --certificate");
                    }
                    cert = (X509Certificate) fromToken[0];
                }
                return new SigningIdentity(cert, chain, key, provider, "PKCS#11 token object \"" + alias + "\"");
            } catch (IOException | GeneralSecurityException e) {
                attempts.add(slot + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getClass().getSimpleName()));
            }
        }
        throw new X509Exception("no PKCS#11 token with " + uri + " could be opened (" + String.join("; ", attempts) + ")",
                "check the PIN, the object label and the library (" + module + "); the certificate must be stored on the token "
                        + "beside the key, with the same id (e.g. pkcs11-tool --write-object cert.der --type cert --id ID --label LABEL)");
    }

    private static String findKey(KeyStore store, Pkcs11Uri uri) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (!store.isKeyEntry(alias)) continue;
            if (uri.object().isEmpty() || uri.object().get().equals(alias)) return alias;
        }
        return null;
    }

    private static java.util.Optional<char[]> readPinSource(Pkcs11Uri uri) {
        if (uri.pinSource().isEmpty()) return java.util.Optional.empty();
        String source = uri.pinSource().get();
        Path file = Path.of(source.startsWith("file:") ? source.substring(5) : source);
        String text = new String(KeyMaterialFiles.read(file, "PIN file"), java.nio.charset.StandardCharsets.UTF_8).strip();
        return java.util.Optional.of(text.toCharArray());
    }
}
