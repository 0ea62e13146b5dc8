package dev.stscreds.vault.secretservice;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.vault.VaultKeyStore;
import dev.stscreds.wire.JsonDocument;
import dev.stscreds.wire.JsonFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Long-term keys in the desktop keyring (GNOME Keyring, KeePassXC… anything that speaks the
 * freedesktop.org Secret Service API on the session bus). One item per profile, with attributes
 * {@code application=stscreds} and {@code profile=NAME}; the secret is a small JSON object.
 *
 * <p>Each operation opens its own bus connection and closes it, so an instance holds no thread,
 * socket or secret between calls. A locked keyring is unlocked through the keyring's own prompt.
 */
public final class SecretServiceKeyStore implements VaultKeyStore {
    static final String APPLICATION = "stscreds";
    private static final Duration AVAILABILITY_TIMEOUT = Duration.ofMillis(900);
    private static final JsonFactory JSON = new JsonFactory();

    private final Path busSocket;
    private final Duration callTimeout;
    private final Duration promptTimeout;

    private SecretServiceKeyStore(Path busSocket, Duration callTimeout, Duration promptTimeout) {
        this.busSocket = busSocket;
        this.callTimeout = callTimeout;
        this.promptTimeout = promptTimeout;
    }

    /**
     * The store on the session bus named by the settings (DBUS_SESSION_BUS_ADDRESS, else
     * {@code $XDG_RUNTIME_DIR/bus}). Connects only when a method is called.
     */
    public static SecretServiceKeyStore open(Settings settings) {
        Path socket = BusAddress.sessionBus(settings).orElseThrow(() -> new CredentialsException(
                "no D-Bus session bus to reach the Secret Service (desktop keyring) on: "
                        + BusAddress.SESSION_BUS_VARIABLE + " names no unix:path= socket and $XDG_RUNTIME_DIR/bus does not exist",
                "run inside a desktop session, or use the encrypted file: STSCREDS_VAULT=file"));
        return new SecretServiceKeyStore(socket, Duration.ofSeconds(5), Duration.ofMinutes(2));
    }

    /**
     * Whether a Secret Service answers on the session bus: connects and opens a session, within
     * one second. Never shows a prompt.
     */
    @SuppressWarnings("try") // opening the session is the test
    public static boolean available(Settings settings) {
        Optional<Path> socket = BusAddress.sessionBus(settings);
        if (socket.isEmpty()) return false;
        try (SecretService ignored = SecretService.open(socket.get(), AVAILABILITY_TIMEOUT, AVAILABILITY_TIMEOUT)) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Optional<Credentials> get(String profile) {
        requireProfile(profile);
        return withService("reading profile " + profile, service -> {
            List<String> items = service.search(attributesOf(profile));
            if (items.isEmpty()) return Optional.empty();
            service.unlock(items.subList(0, 1));
            byte[] secret = service.secret(items.get(0));
            try {
                return Optional.of(decode(secret, profile));
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        });
    }

    @Override
    public void put(String profile, Credentials longTermKeys) {
        requireProfile(profile);
        Objects.requireNonNull(longTermKeys, "longTermKeys");
        if (longTermKeys.isTemporary()) {
            throw new CredentialsException("the keys given for profile " + profile + " are temporary (they have a"
                    + " session token); the vault keeps only long-term keys",
                    "store the access key id and secret access key of an IAM user");
        }
        withService("storing profile " + profile, service -> {
            String collection = service.defaultCollection();
            if (collection == null) {
                throw new CredentialsException("the Secret Service on " + busSocket + " has no default keyring",
                        "create one (e.g. with Seahorse, \"Passwords and Keys\"), or use STSCREDS_VAULT=file");
            }
            service.unlock(List.of(collection));
            byte[] secret = encode(longTermKeys);
            try {
                service.createItem(collection, "stscreds long-term keys of profile " + profile, attributesOf(profile),
                        secret, "application/json");
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
            return null;
        });
    }

    @Override
    public boolean remove(String profile) {
        requireProfile(profile);
        return withService("removing profile " + profile, service -> {
            List<String> items = service.search(attributesOf(profile));
            for (String item : items) service.delete(item);
            return !items.isEmpty();
        });
    }

    @Override
    public List<String> profiles() {
        return withService("listing profiles", service -> {
            TreeSet<String> names = new TreeSet<>();
            for (String item : service.search(Map.of("application", APPLICATION))) {
                String profile = service.attributes(item).get("profile");
                if (profile != null) names.add(profile);
            }
            return List.copyOf(names);
        });
    }

    @Override
    public Optional<byte[]> privateKey(String name) {
        requireProfile(name);
        return withService("reading private key " + name, service -> {
            List<String> items = service.search(privateKeyAttributes(name));
            if (items.isEmpty()) return Optional.empty();
            service.unlock(items.subList(0, 1));
            return Optional.of(service.secret(items.get(0)));
        });
    }

    @Override
    public void putPrivateKey(String name, byte[] pkcs8) {
        requireProfile(name);
        Objects.requireNonNull(pkcs8, "pkcs8");
        withService("storing private key " + name, service -> {
            String collection = service.defaultCollection();
            if (collection == null) {
                throw new CredentialsException("the Secret Service on " + busSocket + " has no default keyring",
                        "create one (e.g. with Seahorse, \"Passwords and Keys\"), or use STSCREDS_VAULT=file");
            }
            service.unlock(List.of(collection));
            service.createItem(collection, "stscreds private key " + name, privateKeyAttributes(name), pkcs8.clone(),
                    "application/pkcs8");
            return null;
        });
    }

    @Override
    public boolean removePrivateKey(String name) {
        requireProfile(name);
        return withService("removing private key " + name, service -> {
            List<String> items = service.search(privateKeyAttributes(name));
            for (String item : items) service.delete(item);
            return !items.isEmpty();
        });
    }

    @Override
    public List<String> privateKeyNames() {
        return withService("listing private keys", service -> {
            TreeSet<String> names = new TreeSet<>();
            for (String item : service.search(Map.of("application", APPLICATION))) {
                String name = service.attributes(item).get("private-key");
                if (name != null) names.add(name);
            }
            return List.copyOf(names);
        });
    }

    @Override
    public String describe() {
        return "Secret Service (desktop keyring) on " + busSocket;
    }

    /** Holds nothing between calls. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "SecretServiceKeyStore[" + busSocket + "]";
    }

    private static Map<String, String> privateKeyAttributes(String name) {
        return Map.of("application", APPLICATION, "private-key", name);
    }

    private static Map<String, String> attributesOf(String profile) {
        return Map.of("application", APPLICATION, "profile", profile);
    }

    private interface Operation<T> {
        T run(SecretService service) throws IOException;
    }

    private <T> T withService(String what, Operation<T> operation) {
        try (SecretService service = SecretService.open(busSocket, callTimeout, promptTimeout)) {
            return operation.run(service);
        } catch (PromptDismissedException e) {
            throw new CredentialsException(what + ": " + e.getMessage(), "unlock the keyring when asked", e);
        } catch (IOException e) {
            throw new CredentialsException(what + " in the Secret Service on " + busSocket + " failed: " + e.getMessage(),
                    "check that a keyring daemon (gnome-keyring, KeePassXC) runs in this session, or use the"
                            + " encrypted file: STSCREDS_VAULT=file", e);
        }
    }

    private static byte[] encode(Credentials keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("accessKeyId", keys.accessKeyId());
            g.writeStringField("secretAccessKey", keys.secretAccessKey());
            if (keys.accountId().isPresent()) g.writeStringField("accountId", keys.accountId().get());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Credentials decode(byte[] secret, String profile) {
        try {
            JsonDocument json = JsonDocument.parseObject(new String(secret, StandardCharsets.UTF_8), "keyring item");
            return Credentials.builder()
                    .accessKeyId(json.requiredString("accessKeyId"))
                    .secretAccessKey(json.requiredString("secretAccessKey"))
                    .accountId(json.string("accountId").orElse(null))
                    .source("profile " + profile + " in " + describe())
                    .build();
        } catch (JsonFormatException e) {
            // not e.getMessage(): a parser message may quote the secret
            throw new CredentialsException("the keyring item of profile " + profile + " (application=" + APPLICATION
                    + ") does not hold stscreds keys", "remove it (e.g. with Seahorse) and store the keys again");
        }
    }

    private static void requireProfile(String profile) {
        if (profile == null || profile.isBlank()) throw new IllegalArgumentException("a profile name is required");
    }
}
