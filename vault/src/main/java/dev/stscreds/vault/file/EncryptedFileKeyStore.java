package dev.stscreds.vault.file;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.files.AtomicFiles;
import dev.stscreds.files.FileLock;
import dev.stscreds.vault.KeyStores;
import dev.stscreds.vault.PassphraseSource;
import dev.stscreds.vault.VaultKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.crypto.AEADBadTagException;

/**
 * Long-term keys in one encrypted file (default {@code ~/.stscreds/vault}): AES-256-GCM over the
 * whole key set, under a key derived from a passphrase with PBKDF2-HMAC-SHA256 (600,000
 * iterations by default). Profile names are inside the ciphertext; the file name says nothing.
 *
 * <p>The passphrase is asked, and the key derived, once per instance and only when a method needs
 * the contents; a missing vault is read as empty without asking. Every write re-reads the file
 * under a lock shared with other processes, so concurrent writers never lose an update, and
 * replaces it atomically with mode 0600. {@link #close()} wipes the derived key.
 */
public final class EncryptedFileKeyStore implements VaultKeyStore {
    /** PBKDF2 iterations for new vaults: OWASP's current figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_KDF_ITERATIONS = 600_000;

    private final Path file;
    private final PassphraseSource passphrases;
    private final int newVaultIterations;
    private final SecureRandom random;
    private final Duration lockTimeout;

    private VaultKey key;
    private boolean closed;

    private EncryptedFileKeyStore(Builder b) {
        this.file = b.file.toAbsolutePath().normalize();
        this.passphrases = b.passphrases;
        this.newVaultIterations = b.kdfIterations;
        this.random = b.random;
        this.lockTimeout = b.lockTimeout;
    }

    /** The vault file in STSCREDS_HOME (default {@code ~/.stscreds/vault}). */
    public static Path defaultFile(Settings settings) {
        return KeyStores.home(settings).resolve("vault");
    }

    public static Builder builder(Path file, PassphraseSource passphrases) {
        return new Builder(file, passphrases);
    }

    @Override
    public synchronized Optional<Credentials> get(String profile) {
        requireProfile(profile);
        return Optional.ofNullable(read().profiles.get(profile)).map(keys -> keys.withSource(sourceOf(profile)));
    }

    @Override
    public synchronized void put(String profile, Credentials longTermKeys) {
        requireProfile(profile);
        Objects.requireNonNull(longTermKeys, "longTermKeys");
        if (longTermKeys.isTemporary()) {
            throw new CredentialsException("the keys given for profile " + profile + " are temporary (they have a"
                    + " session token); the vault keeps only long-term keys",
                    "store the access key id and secret access key of an IAM user");
        }
        openForWriting();
        update(contents -> contents.profiles.put(profile, longTermKeys));
    }

    @Override
    public synchronized boolean remove(String profile) {
        requireProfile(profile);
        if (!read().profiles.containsKey(profile)) return false;
        boolean[] removed = new boolean[1];
        update(contents -> removed[0] = contents.profiles.remove(profile) != null);
        return removed[0];
    }

    @Override
    public synchronized List<String> profiles() {
        return new ArrayList<>(read().profiles.keySet());
    }

    @Override
    public synchronized Optional<byte[]> privateKey(String name) {
        requireProfile(name);
        VaultContents.Contents contents = read();
        byte[] key = contents.privateKeys.remove(name);
        contents.wipe();
        return Optional.ofNullable(key);
    }

    @Override
    public synchronized void putPrivateKey(String name, byte[] pkcs8) {
        requireProfile(name);
        Objects.requireNonNull(pkcs8, "pkcs8");
        openForWriting();
        update(contents -> contents.privateKeys.put(name, pkcs8.clone()));
    }

    @Override
    public synchronized boolean removePrivateKey(String name) {
        requireProfile(name);
        VaultContents.Contents now = read();
        boolean present = now.privateKeys.containsKey(name);
        now.wipe();
        if (!present) return false;
        boolean[] removed = new boolean[1];
        update(contents -> removed[0] = contents.privateKeys.remove(name) != null);
        return removed[0];
    }

    @Override
    public synchronized List<String> privateKeyNames() {
        VaultContents.Contents contents = read();
        contents.wipe();
        return new ArrayList<>(contents.privateKeys.keySet());
    }

    @Override
    public String describe() {
        return "encrypted file " + file;
    }

    /** Wipes the derived key; the store cannot be used afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        if (key != null) key.close();
        key = null;
    }

    @Override
    public synchronized String toString() {
        return "EncryptedFileKeyStore[" + file + (key == null ? ", not opened]" : ", opened]");
    }

    /** The current contents, sorted by profile; empty when there is no vault file yet. */
    private VaultContents.Contents read() {
        ensureNotClosed();
        byte[] bytes = readFile();
        if (bytes == null) return new VaultContents.Contents();
        VaultHeader header = VaultHeader.parse(bytes, file);
        return decrypt(bytes, header, keyFor(header));
    }

    /** Read-modify-write under the lock, re-reading the file inside it. */
    @SuppressWarnings("try") // the lock is held, not used
    private void update(Consumer<VaultContents.Contents> change) {
        try (FileLock lock = FileLock.acquire(file, lockTimeout)) {
            VaultContents.Contents contents = read();
            try {
                change.accept(contents);
                write(contents);
            } finally {
                contents.wipe();
            }
        } catch (IOException e) {
            throw new CredentialsException("cannot write the vault file " + file + ": " + e.getMessage(),
                    "check that " + file.getParent() + " is writable and has free space", e);
        }
    }

    /** Makes sure a key is at hand before taking the lock, so that nobody waits while we prompt. */
    private void openForWriting() {
        ensureNotClosed();
        if (key != null) return;
        byte[] bytes = readFile();
        if (bytes == null) key = createKey();
        else keyFor(VaultHeader.parse(bytes, file));
    }

    private VaultKey keyFor(VaultHeader header) {
        if (key == null) {
            key = unlock(header);
        } else if (!key.kdf().equals(header.kdf())) {
            throw new CredentialsException("the vault file " + file + " was re-created, or its passphrase changed,"
                    + " by another process after this one opened it", "run the command again");
        }
        return key;
    }

    private VaultKey unlock(VaultHeader header) {
        char[] passphrase = passphrases.passphrase("Passphrase for the vault " + file);
        VaultKey derived;
        try {
            derived = VaultKey.derive(passphrase, header.kdf());
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        if (!derived.matches(header.keyCheck())) {
            derived.close();
            throw new CredentialsException("wrong passphrase for the vault file " + file,
                    "give the passphrase the vault was created with (if " + PassphraseSource.ENVIRONMENT_VARIABLE
                            + " is set, check its value)");
        }
        return derived;
    }

    private VaultKey createKey() {
        char[] first = passphrases.passphrase("New passphrase for the vault " + file);
        char[] second = null;
        try {
            if (first.length == 0) {
                throw new CredentialsException("the passphrase for the new vault " + file + " is empty",
                        "choose a long passphrase; the vault is only as strong as it");
            }
            second = passphrases.passphrase("Repeat the new passphrase");
            if (!Arrays.equals(first, second)) {
                throw new CredentialsException("the two passphrases differ; the vault " + file + " was not created",
                        "type the same passphrase twice");
            }
            byte[] salt = new byte[KdfParameters.SALT_LENGTH];
            random.nextBytes(salt);
            return VaultKey.derive(first, new KdfParameters(newVaultIterations, salt));
        } finally {
            Arrays.fill(first, '\0');
            if (second != null) Arrays.fill(second, '\0');
        }
    }

    private VaultContents.Contents decrypt(byte[] bytes, VaultHeader header, VaultKey key) {
        byte[] aad = Arrays.copyOf(bytes, header.length());
        byte[] ciphertext = Arrays.copyOfRange(bytes, header.length(), bytes.length);
        byte[] plaintext;
        try {
            plaintext = key.open(ciphertext, header.nonce(), aad);
        } catch (AEADBadTagException e) {
            throw VaultHeader.damaged(file, "the passphrase is right but the contents fail their integrity check");
        }
        try {
            return VaultContents.decode(plaintext);
        } catch (IOException e) {
            // never e.getMessage(): a parser message may quote the plaintext
            throw VaultHeader.damaged(file, "its decrypted contents are not a key set");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private void write(VaultContents.Contents contents) throws IOException {
        byte[] plaintext = VaultContents.encode(contents);
        try {
            byte[] nonce = new byte[VaultKey.NONCE_LENGTH];
            random.nextBytes(nonce);
            byte[] header = new VaultHeader(key.kdf(), key.keyCheck(), nonce, plaintext.length + VaultKey.TAG_LENGTH)
                    .encode();
            byte[] ciphertext = key.seal(plaintext, nonce, header);
            byte[] whole = Arrays.copyOf(header, header.length + ciphertext.length);
            System.arraycopy(ciphertext, 0, whole, header.length, ciphertext.length);
            AtomicFiles.write(file, whole);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The whole file, or null when there is none. */
    private byte[] readFile() {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new CredentialsException("cannot read the vault file " + file + ": " + e.getMessage(),
                    "check that it is readable by you", e);
        }
    }

    private String sourceOf(String profile) {
        return "profile " + profile + " in " + describe();
    }

    private void ensureNotClosed() {
        if (closed) throw new IllegalStateException(this + " is closed");
    }

    private static void requireProfile(String profile) {
        if (profile == null || profile.isBlank()) throw new IllegalArgumentException("a profile name is required");
    }

    public static final class Builder {
        private final Path file;
        private final PassphraseSource passphrases;
        private int kdfIterations = DEFAULT_KDF_ITERATIONS;
        private SecureRandom random = new SecureRandom();
        private Duration lockTimeout = Duration.ofSeconds(10);

        private Builder(Path file, PassphraseSource passphrases) {
            this.file = Objects.requireNonNull(file, "file");
            this.passphrases = Objects.requireNonNull(passphrases, "passphrases");
        }

        /**
         * PBKDF2 iterations for a vault this store creates (an existing vault keeps the count in its
         * header). Lower than the default only in tests.
         */
        public Builder kdfIterations(int iterations) {
            if (iterations < KdfParameters.MIN_ITERATIONS || iterations > KdfParameters.MAX_ITERATIONS) {
                throw new IllegalArgumentException("PBKDF2 iterations must be between " + KdfParameters.MIN_ITERATIONS
                        + " and " + KdfParameters.MAX_ITERATIONS);
            }
            this.kdfIterations = iterations;
            return this;
        }

        /** Source of salts and nonces. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** How long a write waits for another process's write before giving up (default 10 s). */
        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public EncryptedFileKeyStore build() {
            return new EncryptedFileKeyStore(this);
        }
    }
}
