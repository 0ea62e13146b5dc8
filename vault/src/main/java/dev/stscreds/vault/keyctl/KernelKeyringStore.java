package dev.stscreds.vault.keyctl;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.vault.ExternalCommand;
import dev.stscreds.vault.KeysDocument;
import dev.stscreds.vault.VaultKeyStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Long-term keys in the Linux kernel keyring, for headless machines with no desktop keyring: keys
 * of type {@code user} named {@code stscreds:PROFILE} (private keys {@code stscreds-private-key:NAME},
 * base64) in the user keyring ({@code @u}) or, with {@code STSCREDS_KEYCTL_KEYRING=session}, the
 * session keyring ({@code @s}). Driven through {@code keyctl} with payloads on stdin.
 *
 * <p>Kernel keys live in memory only: they do not survive a reboot (and session keys end with the
 * login session), so this backend suits machines where keys are loaded again after boot.
 */
public final class KernelKeyringStore implements VaultKeyStore {
    /** {@code user} (default) or {@code session}. */
    public static final String KEYRING_VARIABLE = "STSCREDS_KEYCTL_KEYRING";
    static final String PROFILE_PREFIX = "stscreds:";
    static final String PRIVATE_KEY_PREFIX = "stscreds-private-key:";
    // possessor and owning user may view, read, write, search, link and set attributes: keys in @u
    // are not "possessed" from a session keyring that does not link @u, and must stay readable there
    private static final String PERMISSIONS = "0x3f3f0000";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String keyring;
    private final ExternalCommand keyctl;

    KernelKeyringStore(String keyring, ExternalCommand keyctl) {
        this.keyring = keyring;
        this.keyctl = keyctl;
    }

    public static KernelKeyringStore open(Settings settings) {
        String which = settings.environmentVariable(KEYRING_VARIABLE).orElse("user").toLowerCase(Locale.ROOT);
        String ring = switch (which) {
            case "user" -> "@u";
            case "session" -> "@s";
            default -> throw new CredentialsException(KEYRING_VARIABLE + "=" + which + " names no keyring",
                    "set " + KEYRING_VARIABLE + " to user or session");
        };
        return new KernelKeyringStore(ring, new ExternalCommand(settings.environment(), TIMEOUT));
    }

    @Override
    public Optional<Credentials> get(String profile) {
        KeysDocument.requireName("profile", profile);
        Optional<byte[]> payload = read(PROFILE_PREFIX + profile, "read profile " + profile);
        if (payload.isEmpty()) return Optional.empty();
        try {
            Optional<Credentials> keys = KeysDocument.decode(payload.get(), "profile " + profile + " in " + describe());
            if (keys.isEmpty()) {
                throw new CredentialsException("the kernel key " + PROFILE_PREFIX + profile + " in " + keyring
                        + " does not hold stscreds keys", "remove it (keyctl purge user " + PROFILE_PREFIX + profile + ") and store the keys again");
            }
            return keys;
        } finally {
            ExternalCommand.wipe(payload.get());
        }
    }

    @Override
    public void put(String profile, Credentials longTermKeys) {
        KeysDocument.requireName("profile", profile);
        byte[] doc = KeysDocument.encode(longTermKeys);
        try {
            write(PROFILE_PREFIX + profile, doc, "store profile " + profile);
        } finally {
            ExternalCommand.wipe(doc);
        }
    }

    @Override
    public boolean remove(String profile) {
        KeysDocument.requireName("profile", profile);
        return unlink(PROFILE_PREFIX + profile, "remove profile " + profile);
    }

    @Override
    public List<String> profiles() {
        return namesWithPrefix(PROFILE_PREFIX);
    }

    @Override
    public Optional<byte[]> privateKey(String name) {
        KeysDocument.requireName("private key", name);
        Optional<byte[]> payload = read(PRIVATE_KEY_PREFIX + name, "read private key " + name);
        if (payload.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Base64.getDecoder().decode(new String(payload.get(), StandardCharsets.US_ASCII).strip()));
        } catch (IllegalArgumentException e) {
            throw new CredentialsException("the kernel key " + PRIVATE_KEY_PREFIX + name + " does not hold a base64 private key",
                    "store the key again");
        } finally {
            ExternalCommand.wipe(payload.get());
        }
    }

    @Override
    public void putPrivateKey(String name, byte[] pkcs8) {
        KeysDocument.requireName("private key", name);
        byte[] doc = Base64.getEncoder().encode(pkcs8);
        try {
            write(PRIVATE_KEY_PREFIX + name, doc, "store private key " + name);
        } finally {
            ExternalCommand.wipe(doc);
        }
    }

    @Override
    public boolean removePrivateKey(String name) {
        KeysDocument.requireName("private key", name);
        return unlink(PRIVATE_KEY_PREFIX + name, "remove private key " + name);
    }

    @Override
    public List<String> privateKeyNames() {
        return namesWithPrefix(PRIVATE_KEY_PREFIX);
    }

    @Override
    public String describe() {
        return "kernel keyring " + keyring + " (lost at reboot)";
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "KernelKeyringStore[" + keyring + "]";
    }

    private Optional<String> search(String description, String what) {
        ExternalCommand.Result found = run(List.of("keyctl", "search", keyring, "user", description), null, what);
        if (!found.ok()) {
            if (found.stderr().contains("Required key not available") || found.stderr().contains("not available")) return Optional.empty();
            throw failure(what, found);
        }
        return Optional.of(found.stdoutText().strip());
    }

    private Optional<byte[]> read(String description, String what) {
        Optional<String> id = search(description, what);
        if (id.isEmpty()) return Optional.empty();
        ExternalCommand.Result payload = run(List.of("keyctl", "pipe", id.get()), null, what);
        if (!payload.ok()) {
            ExternalCommand.wipe(payload.stdout());
            // unlinked between search and pipe: gone
            if (payload.stderr().contains("Key has been revoked") || payload.stderr().contains("not available")) return Optional.empty();
            throw failure(what, payload);
        }
        return Optional.of(payload.stdout());
    }

    private void write(String description, byte[] payload, String what) {
        ExternalCommand.Result added = run(List.of("keyctl", "padd", "user", description, keyring), payload, what);
        if (!added.ok()) throw failure(what, added);
        ExternalCommand.Result perm = run(List.of("keyctl", "setperm", added.stdoutText().strip(), PERMISSIONS), null, what);
        if (!perm.ok()) throw failure(what, perm);
    }

    private boolean unlink(String description, String what) {
        Optional<String> id = search(description, what);
        if (id.isEmpty()) return false;
        ExternalCommand.Result result = run(List.of("keyctl", "unlink", id.get(), keyring), null, what);
        if (!result.ok()) {
            if (result.stderr().contains("not available") || result.stderr().contains("No such file")) return false;
            throw failure(what, result);
        }
        return true;
    }

    private List<String> namesWithPrefix(String prefix) {
        ExternalCommand.Result ids = run(List.of("keyctl", "rlist", keyring), null, "list keys");
        if (!ids.ok()) throw failure("list keys", ids);
        List<String> names = new ArrayList<>();
        for (String id : ids.stdoutText().strip().split("\\s+")) {
            if (id.isEmpty()) continue;
            ExternalCommand.Result d = run(List.of("keyctl", "rdescribe", id), null, "list keys");
            if (!d.ok()) continue; // unlinked meanwhile, or not ours to see
            String[] fields = d.stdoutText().strip().split(";", 5);
            if (fields.length == 5 && fields[0].equals("user") && fields[4].startsWith(prefix)) {
                names.add(fields[4].substring(prefix.length()));
            }
        }
        names.sort(null);
        return names;
    }

    private ExternalCommand.Result run(List<String> command, byte[] stdin, String what) {
        try {
            return keyctl.run(command, stdin);
        } catch (ExternalCommand.Failure e) {
            throw new CredentialsException("could not " + what + " in " + describe() + ": " + e.getMessage(),
                    "install keyutils (apt-get install keyutils) or choose another vault with STSCREDS_VAULT", e);
        }
    }

    private CredentialsException failure(String what, ExternalCommand.Result result) {
        String err = result.stderr();
        String hint = err.contains("Operation not permitted") || err.contains("Function not implemented")
                ? "this kernel or container forbids keyctl (seccomp); choose another vault with STSCREDS_VAULT"
                : "run keyctl show " + keyring + " to see the keyring";
        return new CredentialsException("could not " + what + " in " + describe() + ": keyctl exited with "
                + result.exitCode() + (err.isEmpty() ? "" : ": " + err), hint);
    }
}
