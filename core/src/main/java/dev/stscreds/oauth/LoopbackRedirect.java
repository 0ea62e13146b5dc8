package dev.stscreds.oauth;

import dev.stscreds.CredentialsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The redirect target of a browser sign-in on this machine (RFC 8252): a one-shot HTTP listener on
 * {@code http://127.0.0.1:PORT/oauth/callback}, PORT chosen by the system. It waits for the browser to
 * come back with {@code code} and {@code state} (or {@code error}), answers a page that says to return
 * to the terminal, and stops. Other paths get 404 and it keeps waiting. Nothing it receives is logged.
 */
public final class LoopbackRedirect implements AutoCloseable {
    public static final String PATH = "/oauth/callback";
    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final ServerSocket server;

    private LoopbackRedirect(ServerSocket server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1 at a free port. */
    public static LoopbackRedirect open() {
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            return new LoopbackRedirect(s);
        } catch (IOException e) {
            throw new CredentialsException("could not listen on 127.0.0.1 for the sign-in redirect (" + e.getMessage() + ")",
                    "use the device code or --remote sign-in instead");
        }
    }

    /** {@code http://127.0.0.1:PORT/oauth/callback}. */
    public String redirectUri() {
        return "http://127.0.0.1:" + server.getLocalPort() + PATH;
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Waits up to {@code timeout} for the browser's redirect.
     *
     * @throws CredentialsException when none came in time
     */
    public AuthorizationResponse await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new CredentialsException("the browser did not come back to " + redirectUri() + " within "
                        + timeout.toMinutes() + " minutes", "run the sign-in again and complete it in the browser");
            }
            try {
                server.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                try (Socket socket = server.accept()) {
                    Optional<AuthorizationResponse> answer = serve(socket);
                    if (answer.isPresent()) return answer.get();
                }
            } catch (SocketTimeoutException e) {
                // loop: the deadline check above ends it
            } catch (IOException e) {
                // one broken connection (a browser's speculative one): keep waiting
                if (server.isClosed()) throw new CredentialsException("the sign-in redirect listener was closed", "run the sign-in again");
            }
        }
    }

    private static Optional<AuthorizationResponse> serve(Socket socket) throws IOException {
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        String requestLine = readHead(socket.getInputStream());
        String[] parts = requestLine.split(" ");
        OutputStream out = socket.getOutputStream();
        if (parts.length < 3 || !parts[0].equals("GET")) {
            respond(out, 405, "Only GET is served here.");
            return Optional.empty();
        }
        URI target;
        try {
            target = URI.create(parts[1]);
        } catch (IllegalArgumentException e) {
            respond(out, 400, "Malformed request.");
            return Optional.empty();
        }
        if (!PATH.equals(target.getRawPath())) {
            respond(out, 404, "Not found.");
            return Optional.empty();
        }
        Map<String, String> q = query(target.getRawQuery());
        if (!q.containsKey("code") && !q.containsKey("error")) {
            respond(out, 400, "This page expects the sign-in's answer.");
            return Optional.empty();
        }
        AuthorizationResponse answer = new AuthorizationResponse(Optional.ofNullable(q.get("code")),
                Optional.ofNullable(q.get("state")), Optional.ofNullable(q.get("error")),
                Optional.ofNullable(q.get("error_description")));
        respond(out, 200, answer.error().isPresent()
                ? "The sign-in did not complete. Return to the terminal to see why."
                : "Signed in. You can close this window and return to the terminal.");
        return Optional.of(answer);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < MAX_REQUEST_BYTES) {
            int b = in.read();
            if (b < 0) break;
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) break;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int eol = text.indexOf("\r\n");
        return eol < 0 ? text : text.substring(0, eol);
    }

    private static void respond(OutputStream out, int status, String message) throws IOException {
        String reason = switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            default -> "Method Not Allowed";
        };
        byte[] body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>stscreds</title></head><body><p>"
                + message + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                + body.length + "\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) return q;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            try {
                q.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed pair is ignored
            }
        }
        return q;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
