package dev.stscreds.serve;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The checks in front of both endpoints, small enough to read at a glance: the peer must be this
 * machine, the Host header must name this server (a web page that rebinds its DNS name to
 * 127.0.0.1 sends its own name), and the container endpoint's token must match.
 */
final class SecurityChecks {
    private SecurityChecks() {}

    /** Only processes on this machine: the server listens on 127.0.0.1, and checks again. */
    static RequestCheck loopbackPeer() {
        return r -> r.peer().isLoopbackAddress() ? Optional.empty()
                : Optional.of(ServerResponse.error(403, "Forbidden", "only clients on this machine are served"));
    }

    /** The Host header must be {@code 127.0.0.1:PORT} or {@code localhost:PORT}: DNS rebinding sends another name. */
    static RequestCheck hostIs(int port) {
        Set<String> allowed = Set.of("127.0.0.1:" + port, "localhost:" + port);
        return r -> {
            String host = r.header("host").orElse("").toLowerCase(Locale.ROOT);
            return allowed.contains(host) ? Optional.empty()
                    : Optional.of(ServerResponse.error(403, "Forbidden", "the Host header must be 127.0.0.1:" + port));
        };
    }

    /**
     * The {@code Authorization} header must be {@code token}, compared in constant time (over
     * digests, so even the length leaks nothing).
     */
    static RequestCheck authorization(String token) {
        byte[] expected = sha256(token);
        return r -> {
            Optional<String> given = r.header("authorization");
            if (given.isEmpty()) {
                return Optional.of(ServerResponse.error(401, "Unauthorized", "the Authorization header is missing"));
            }
            return MessageDigest.isEqual(expected, sha256(given.get())) ? Optional.empty()
                    : Optional.of(ServerResponse.error(403, "Forbidden", "the Authorization token is wrong"));
        };
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
