package dev.stscreds.serve;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the credential server read it: header names lower-cased, the path without
 * its query, the peer's address.
 */
record ServerRequest(String method, String path, String version, Map<String, String> headers, InetAddress peer) {

    /** The named header's value (the last one when it was repeated). */
    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** HTTP/1.1 keeps the connection unless told to close it; HTTP/1.0 closes unless told to keep it. */
    boolean keepAlive() {
        String connection = header("connection").orElse("").toLowerCase(Locale.ROOT);
        return version.equals("HTTP/1.1") ? !connection.equals("close") : connection.equals("keep-alive");
    }
}
