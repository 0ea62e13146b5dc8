package dev.stscreds.vault.secretservice;

import dev.stscreds.config.Settings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the session bus socket: DBUS_SESSION_BUS_ADDRESS ({@code unix:path=…}), else
 * {@code $XDG_RUNTIME_DIR/bus} as libdbus and sd-bus do. Abstract sockets ({@code unix:abstract=…})
 * are not reachable from the JDK's Unix-domain sockets and count as no bus.
 */
final class BusAddress {
    static final String SESSION_BUS_VARIABLE = "DBUS_SESSION_BUS_ADDRESS";

    private BusAddress() {}

    static Optional<Path> sessionBus(Settings settings) {
        Optional<String> address = settings.environmentVariable(SESSION_BUS_VARIABLE);
        if (address.isPresent()) return unixPath(address.get());
        return settings.environmentVariable("XDG_RUNTIME_DIR")
                .map(dir -> Path.of(dir, "bus"))
                .filter(Files::exists);
    }

    /** The first {@code unix:path=} of a server address list such as {@code unix:path=/run/user/1000/bus,guid=…}. */
    static Optional<Path> unixPath(String addresses) {
        for (String address : addresses.split(";")) {
            if (!address.startsWith("unix:")) continue;
            for (String pair : address.substring("unix:".length()).split(",")) {
                if (pair.startsWith("path=")) return Optional.of(Path.of(unescape(pair.substring("path=".length()))));
            }
        }
        return Optional.empty();
    }

    /** Address values escape bytes as {@code %xx}. */
    private static String unescape(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int hex = c == '%' && i + 2 < value.length() ? hexByte(value.substring(i + 1, i + 3)) : -1;
            if (hex >= 0) {
                out.write(hex);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hexByte(String twoDigits) {
        int high = Character.digit(twoDigits.charAt(0), 16);
        int low = Character.digit(twoDigits.charAt(1), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }
}
