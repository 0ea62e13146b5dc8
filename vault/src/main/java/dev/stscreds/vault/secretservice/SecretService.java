package dev.stscreds.vault.secretservice;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of the freedesktop.org Secret Service API that the key store needs, over one bus
 * connection with one session.
 *
 * <p>The session uses the "plain" algorithm: secrets cross the bus unencrypted. That is
 * acceptable because the session bus is a Unix socket private to the user (mode 0700 folder or
 * credential-checked by the bus), so only processes of the same user can see the traffic, and
 * those can ask the keyring for the same secrets anyway. libsecret's transport encryption guards
 * against the same user only, which no transport can.
 */
final class SecretService implements AutoCloseable {
    static final String NAME = "org.freedesktop.secrets";
    private static final String PATH = "/org/freedesktop/secrets";
    private static final String SERVICE = "org.freedesktop.Secret.Service";
    private static final String ITEM = "org.freedesktop.Secret.Item";
    private static final String COLLECTION = "org.freedesktop.Secret.Collection";
    private static final String PROMPT = "org.freedesktop.Secret.Prompt";
    private static final String SESSION = "org.freedesktop.Secret.Session";
    private static final String PROPERTIES = "org.freedesktop.DBus.Properties";
    private static final String NO_OBJECT = "/";

    private final BusConnection bus;
    private final Duration callTimeout;
    private final Duration promptTimeout;
    private final String session;

    private SecretService(BusConnection bus, Duration callTimeout, Duration promptTimeout, String session) {
        this.bus = bus;
        this.callTimeout = callTimeout;
        this.promptTimeout = promptTimeout;
        this.session = session;
    }

    /** Connects and opens a "plain" session; no prompt can appear. */
    static SecretService open(Path busSocket, Duration callTimeout, Duration promptTimeout) throws IOException {
        BusConnection bus = BusConnection.open(busSocket, callTimeout);
        try {
            List<Object> reply = bus.call(NAME, PATH, SERVICE, "OpenSession", "sv",
                    List.of("plain", new Variant("s", "")), callTimeout);
            return new SecretService(bus, callTimeout, promptTimeout, (String) reply.get(1));
        } catch (IOException | RuntimeException e) {
            bus.close();
            throw e;
        }
    }

    Path busSocket() {
        return bus.socket();
    }

    /** The items whose attributes include all of {@code attributes}, unlocked ones first. */
    List<String> search(Map<String, String> attributes) throws IOException {
        List<Object> reply = call(PATH, SERVICE, "SearchItems", "a{ss}", new LinkedHashMap<>(attributes));
        List<String> items = new ArrayList<>(paths(reply.get(0)));
        items.addAll(paths(reply.get(1)));
        return items;
    }

    /** Unlocks the objects (items or collections), showing the keyring's own prompt if it has one. */
    void unlock(List<String> objects) throws IOException {
        List<Object> reply = call(PATH, SERVICE, "Unlock", "ao", objects);
        prompt((String) reply.get(1), "unlocking the keyring");
    }

    /** The collection that the alias "default" names, or null when there is none. */
    String defaultCollection() throws IOException {
        String path = (String) call(PATH, SERVICE, "ReadAlias", "s", "default").get(0);
        return path.equals(NO_OBJECT) ? null : path;
    }

    /** The secret of an unlocked item; the caller wipes the array. */
    byte[] secret(String item) throws IOException {
        List<?> secret = (List<?>) call(item, ITEM, "GetSecret", "o", session).get(0);
        return (byte[]) secret.get(2);
    }

    Map<String, String> attributes(String item) throws IOException {
        Variant v = (Variant) call(item, PROPERTIES, "Get", "ss", ITEM, "Attributes").get(0);
        Map<String, String> attributes = new LinkedHashMap<>();
        ((Map<?, ?>) v.value()).forEach((k, value) -> attributes.put((String) k, (String) value));
        return attributes;
    }

    /** Creates the item, or replaces the one with the same attributes. */
    void createItem(String collection, String label, Map<String, String> attributes, byte[] secret,
            String contentType) throws IOException {
        Map<String, Variant> properties = new LinkedHashMap<>();
        properties.put(ITEM + ".Label", new Variant("s", label));
        properties.put(ITEM + ".Attributes", new Variant("a{ss}", new LinkedHashMap<>(attributes)));
        List<Object> secretStruct = List.of(session, new byte[0], secret, contentType);
        List<Object> reply = bus.call(NAME, collection, COLLECTION, "CreateItem", "a{sv}(oayays)b",
                List.of(properties, secretStruct, true), callTimeout);
        prompt((String) reply.get(1), "storing the keys in the keyring");
    }

    void delete(String item) throws IOException {
        prompt((String) call(item, ITEM, "Delete", "").get(0), "deleting the keys from the keyring");
    }

    /**
     * Runs a prompt object (the keyring's own dialog) and waits for its Completed signal; the path
     * "/" means no prompt was needed.
     */
    private void prompt(String prompt, String what) throws IOException {
        if (prompt.equals(NO_OBJECT)) return;
        bus.addMatch("type='signal',interface='" + PROMPT + "',member='Completed',path='" + prompt + "'", callTimeout);
        call(prompt, PROMPT, "Prompt", "s", "");
        Message completed = bus.awaitSignal(m -> prompt.equals(m.path()) && "Completed".equals(m.member()),
                promptTimeout, what);
        if (Boolean.TRUE.equals(completed.body().get(0))) {
            throw new PromptDismissedException("the keyring prompt for " + what + " was dismissed");
        }
    }

    private List<Object> call(String path, String iface, String member, String signature, Object... args)
            throws IOException {
        return bus.call(NAME, path, iface, member, signature, List.of(args), callTimeout);
    }

    private static List<String> paths(Object list) {
        List<String> paths = new ArrayList<>();
        for (Object path : (List<?>) list) paths.add((String) path);
        return paths;
    }

    @Override
    public void close() throws IOException {
        try {
            bus.call(NAME, session, SESSION, "Close", "", List.of(), callTimeout);
        } catch (IOException ignored) {
            // the session ends with the connection anyway
        } finally {
            bus.close();
        }
    }
}
