package dev.stscreds.vault.pass;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.vault.ExternalCommand;
import dev.stscreds.vault.KeysDocument;
import dev.stscreds.vault.VaultKeyStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Long-term keys in pass, the standard Unix password manager: one gpg-encrypted entry per profile,
 * {@code stscreds/PROFILE} (a small JSON document), and private keys (base64 PKCS#8) under
 * {@code stscreds/private-keys/NAME}, in {@code $PASSWORD_STORE_DIR} or {@code ~/.password-store}.
 *
 * <p>Entries are written with {@code pass insert --multiline --force} through stdin, so a secret
 * never appears in a command line. Decrypting goes through the user's gpg-agent, which asks for the
 * gpg passphrase itself (pinentry) when the key is locked.
 */
public final class PassKeyStore implements VaultKeyStore {
    static final String FOLDER = "stscreds";
    static final String PRIVATE_KEYS = "private-keys";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Path storeDir;
    private final ExternalCommand pass;
    private final String program;

    PassKeyStore(Path storeDir, ExternalCommand pass, String program) {
        this.storeDir = storeDir;
        this.pass = pass;
        this.program = program;
    }

    /** The store named by PASSWORD_STORE_DIR, else {@code ~/.password-store}; nothing runs until a method is called. */
    public static PassKeyStore open(Settings settings) {
        Path dir = settings.environmentVariable("PASSWORD_STORE_DIR").map(settings::expandHome)
                .orElseGet(() -> settings.home().resolve(".password-store"));
        java.util.Map<String, String> env = new java.util.HashMap<>(settings.environment());
        env.put("PASSWORD_STORE_DIR", dir.toString());
        return new PassKeyStore(dir, new ExternalCommand(env, DEFAULT_TIMEOUT), "pass");
    }

    @Override
    public Optional<Credentials> get(String profile) {
        KeysDocument.requireName("profile", profile);
        Optional<byte[]> doc = show(FOLDER + "/" + profile, "read profile " + profile);
        if (doc.isEmpty()) return Optional.empty();
        try {
            Optional<Credentials> keys = KeysDocument.decode(doc.get(), "profile " + profile + " in " + describe());
            if (keys.isEmpty()) {
                throw new CredentialsException("the pass entry " + FOLDER + "/" + profile + " in " + storeDir
                        + " does not hold stscreds keys", "remove it (pass rm " + FOLDER + "/" + profile + ") and store the keys again");
            }
            return keys;
        } finally {
            ExternalCommand.wipe(doc.get());
        }
    }

    @Override
    public void put(String profile, Credentials longTermKeys) {
        KeysDocument.requireName("profile", profile);
        byte[] doc = KeysDocument.encode(longTermKeys);
        try {
            insert(FOLDER + "/" + profile, doc, "store profile " + profile);
        } finally {
            ExternalCommand.wipe(doc);
        }
    }

    @Override
    public boolean remove(String profile) {
        KeysDocument.requireName("profile", profile);
        return delete(FOLDER + "/" + profile, "remove profile " + profile);
    }

    @Override
    public List<String> profiles() {
        return entriesIn(storeDir.resolve(FOLDER));
    }

    @Override
    public Optional<byte[]> privateKey(String name) {
        KeysDocument.requireName("private key", name);
        Optional<byte[]> doc = show(FOLDER + "/" + PRIVATE_KEYS + "/" + name, "read private key " + name);
        if (doc.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Base64.getMimeDecoder().decode(new String(doc.get(), StandardCharsets.US_ASCII).strip()));
        } catch (IllegalArgumentException e) {
            throw new CredentialsException("the pass entry " + FOLDER + "/" + PRIVATE_KEYS + "/" + name
                    + " does not hold a base64 private key", "store the key again");
        } finally {
            ExternalCommand.wipe(doc.get());
        }
    }

    @Override
    public void putPrivateKey(String name, byte[] pkcs8) {
        KeysDocument.requireName("private key", name);
        byte[] doc = Base64.getEncoder().encode(pkcs8);
        try {
            insert(FOLDER + "/" + PRIVATE_KEYS + "/" + name, doc, "store private key " + name);
        } finally {
            ExternalCommand.wipe(doc);
        }
    }

    @Override
    public boolean removePrivateKey(String name) {
        KeysDocument.requireName("private key", name);
        return delete(FOLDER + "/" + PRIVATE_KEYS + "/" + name, "remove private key " + name);
    }

    @Override
    public List<String> privateKeyNames() {
        return entriesIn(storeDir.resolve(FOLDER).resolve(PRIVATE_KEYS));
    }

    @Override
    public String describe() {
        return "pass store " + storeDir;
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "PassKeyStore[" + storeDir + "]";
    }

    private Optional<byte[]> show(String entry, String what) {
        if (!Files.exists(entryFile(entry))) return Optional.empty();
        ExternalCommand.Result result = run(List.of(program, "show", entry), null, what);
        if (!result.ok()) {
            ExternalCommand.wipe(result.stdout());
            if (result.stderr().contains("is not in the password store")) return Optional.empty();
            throw failure(what, result);
        }
        return Optional.of(result.stdout());
    }

    private void insert(String entry, byte[] content, String what) {
        ExternalCommand.Result result = run(List.of(program, "insert", "--multiline", "--force", entry), content, what);
        ExternalCommand.wipe(result.stdout());
        if (!result.ok()) throw failure(what, result);
    }

    private boolean delete(String entry, String what) {
        if (!Files.exists(entryFile(entry))) return false;
        ExternalCommand.Result result = run(List.of(program, "rm", "--force", entry), null, what);
        if (!result.ok()) {
            if (result.stderr().contains("is not in the password store")) return false;
            throw failure(what, result);
        }
        return true;
    }

    private Path entryFile(String entry) {
        return storeDir.resolve(entry + ".gpg");
    }

    private ExternalCommand.Result run(List<String> command, byte[] stdin, String what) {
        try {
            return pass.run(command, stdin);
        } catch (ExternalCommand.Failure e) {
            throw new CredentialsException("could not " + what + " in " + describe() + ": " + e.getMessage(),
                    "check that pass is installed (apt-get install pass) and that gpg-agent can reach you"
                            + " (gpg-connect-agent /bye; unlock the key once in a terminal with pass show)", e);
        }
    }

    private CredentialsException failure(String what, ExternalCommand.Result result) {
        String err = result.stderr();
        String hint;
        if (err.contains("pass init") || err.contains("gpg-id")) {
            hint = "initialise the store first: pass init GPG-ID (your gpg key's id or e-mail)";
        } else if (err.contains("No secret key") || err.contains("decryption failed")) {
            hint = "the gpg key this store is encrypted for is not available here: import it, or re-encrypt the store (pass init GPG-ID)";
        } else if (err.contains("Inappropriate ioctl") || err.contains("pinentry") || err.contains("agent")
                || err.contains("Operation cancelled") || err.contains("Bad passphrase")) {
            hint = "gpg-agent could not ask for the key's passphrase: unlock it once in a terminal (pass show "
                    + FOLDER + "/...) or configure a graphical pinentry";
        } else {
            hint = "run the same pass command by hand to see what it needs";
        }
        // gpg's and pass's messages name entries and keys, never the content of an entry
        return new CredentialsException("could not " + what + " in " + describe() + ": pass exited with "
                + result.exitCode() + (err.isEmpty() ? "" : ": " + lastLines(err)), hint);
    }

    private static String lastLines(String err) {
        String[] lines = err.split("\n");
        return String.join(" / ", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }

    private static List<String> entriesIn(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = new ArrayList<>();
            files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".gpg") && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - ".gpg".length()))
                    .forEach(names::add);
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new CredentialsException("cannot list " + dir + ": " + e.getMessage(), "check the folder's permissions", e);
        }
    }
}
