package dev.stscreds.vault;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.vault.file.EncryptedFileKeyStore;
import dev.stscreds.vault.keyctl.KernelKeyringStore;
import dev.stscreds.vault.pass.PassKeyStore;
import dev.stscreds.vault.secretservice.SecretServiceKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Picks the long-term key store a user asked for, or the best one at hand. */
public final class KeyStores {
    /** Chooses the backend: {@code file}, {@code secret-service}, {@code pass} or {@code keyctl}. */
    public static final String KIND_VARIABLE = "STSCREDS_VAULT";
    /** The folder of stscreds' own files; default {@code ~/.stscreds}. */
    public static final String HOME_VARIABLE = "STSCREDS_HOME";

    private KeyStores() {}

    /**
     * The store named by STSCREDS_VAULT ({@code file}, {@code secret-service}, {@code pass} or
     * {@code keyctl}). Unset: the
     * encrypted file if it exists (keys already kept there must not seem to vanish when a keyring
     * appears later), else the Secret Service if one answers, else the encrypted file. Nothing is
     * asked or unlocked until a method needs a key.
     */
    public static VaultKeyStore open(Settings settings, PassphraseSource passphrases) {
        Optional<String> kind = settings.environmentVariable(KIND_VARIABLE).map(k -> k.toLowerCase(Locale.ROOT));
        if (kind.isPresent()) return open(kind.get(), settings, passphrases);
        Path vaultFile = EncryptedFileKeyStore.defaultFile(settings);
        if (!Files.exists(vaultFile) && SecretServiceKeyStore.available(settings)) {
            return SecretServiceKeyStore.open(settings);
        }
        return file(settings, passphrases);
    }

    /** The store of one kind: {@code file}, {@code secret-service}, {@code pass} or {@code keyctl}. */
    public static VaultKeyStore open(String kind, Settings settings, PassphraseSource passphrases) {
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "file": return file(settings, passphrases);
            case "secret-service": return SecretServiceKeyStore.open(settings);
            case "pass": return PassKeyStore.open(settings);
            case "keyctl": return KernelKeyringStore.open(settings);
            default:
                throw new CredentialsException(KIND_VARIABLE + "=" + kind + " names no vault",
                        "set " + KIND_VARIABLE + " to file, secret-service, pass or keyctl, or unset it to choose by itself");
        }
    }

    /** STSCREDS_HOME ({@code ~} expanded), else {@code .stscreds} in the home folder. */
    public static Path home(Settings settings) {
        return dev.stscreds.config.StscredsHome.folder(settings);
    }

    private static VaultKeyStore file(Settings settings, PassphraseSource passphrases) {
        return EncryptedFileKeyStore.builder(EncryptedFileKeyStore.defaultFile(settings), passphrases).build();
    }
}
