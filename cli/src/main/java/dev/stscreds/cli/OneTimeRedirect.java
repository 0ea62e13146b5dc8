package dev.stscreds.cli;

import dev.stscreds.CredentialsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Hands a secret URL (a console sign-in URL is a credential for 15 minutes) to a browser without
 * putting it on any command line: the browser is given {@code http://127.0.0.1:PORT/RANDOM}, which
 * answers once with a redirect to the secret URL and then {@code 410 Gone}; every other path gets
 * {@code 404}. What shows in {@code ps} (the opener's and the browser's arguments) is worthless
 * once the browser has followed it. Only loopback peers are served, one request per connection;
 * where Linux tells which user a peer runs as, only this process's user.
 *
 * <p>Owns a listening socket and its thread: close it.
 */
public final class OneTimeRedirect implements AutoCloseable {
    private static final int MAX_HEAD = 8 * 1024;
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final ServerSocket listener;
    private final byte[] secret;
    private final String path;
    private final CountDownLatch used = new CountDownLatch(1);
    private final Thread acceptor;

    private OneTimeRedirect(ServerSocket listener, String secretUrl, String path) {
        this.listener = listener;
        this.secret = secretUrl.getBytes(StandardCharsets.US_ASCII);
        this.path = path;
        this.acceptor = new Thread(this::acceptLoop, "stscreds-one-time-redirect");
        this.acceptor.setDaemon(true);
    }

    /** Starts serving a one-time redirect to {@code secretUrl} (an absolute http(s) URL). */
    public static OneTimeRedirect to(URI secretUrl) {
        String scheme = String.valueOf(secretUrl.getScheme());
        if (!scheme.equals("https") && !scheme.equals("http")) throw new IllegalArgumentException("not an http(s) URL");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String path = "/" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ServerSocket listener;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 16);
        } catch (IOException e) {
            throw new CredentialsException("could not listen on 127.0.0.1 to hand the URL to the browser (" + e.getMessage() + ")",
                    "check that loopback networking works here, or use --stdout");
        }
        OneTimeRedirect redirect = new OneTimeRedirect(listener, secretUrl.toASCIIString(), path);
        redirect.acceptor.start();
        return redirect;
    }

    /** The URL to give the browser: loopback, random, good for one visit. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + path);
    }

    /** Waits until the redirect was handed out; false when {@code wait} passed first. */
    public boolean awaitUsed(Duration wait) {
        try {
            return used.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                answer(socket);
            } catch (IOException e) {
                // a client that went away, or the listener closed: nothing to answer
            }
        }
    }

    private void answer(Socket socket) throws IOException {
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        OutputStream out = socket.getOutputStream();
        if (!socket.getInetAddress().isLoopbackAddress()) return;
        String target = requestTarget(socket.getInputStream());
        if (target == null) {
            write(out, "400 Bad Request", null, "not an HTTP request\n");
            return;
        }
        int query = target.indexOf('?');
        String requested = query < 0 ? target : target.substring(0, query);
        if (!MessageDigest.isEqual(requested.getBytes(StandardCharsets.UTF_8), path.getBytes(StandardCharsets.UTF_8))) {
            write(out, "404 Not Found", null, "nothing here\n");
            return;
        }
        if (!LoopbackPeers.sameUser(socket)) {
            // Another user on this machine read the URL from `ps`: not theirs, and still the browser's.
            write(out, "403 Forbidden", null, "this link belongs to another user\n");
            return;
        }
        boolean first;
        synchronized (this) {
            first = used.getCount() == 1;
            used.countDown();
        }
        if (first) {
            write(out, "302 Found", new String(secret, StandardCharsets.US_ASCII), "");
        } else {
            write(out, "410 Gone", null, "this one-time link was used already; run the command again for a new one\n");
        }
    }

    /** The target of a GET request line, or null; reads the head, at most {@value #MAX_HEAD} bytes. */
    private static String requestTarget(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0; // the last four bytes read, to spot the blank line that ends the head
        int b;
        while (last4 != 0x0d0a0d0a && head.size() < MAX_HEAD && (b = in.read()) >= 0) {
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        if (last4 != 0x0d0a0d0a) return null;
        String line = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
        String[] parts = line.split(" ");
        if (parts.length != 3 || !(parts[0].equals("GET") || parts[0].equals("HEAD")) || !parts[2].startsWith("HTTP/1.")) return null;
        return parts[1];
    }

    private static void write(OutputStream out, String status, String location, String body) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
        if (location != null) head.append("Location: ").append(location).append("\r\n");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        head.append("Content-Type: text/plain; charset=utf-8\r\nContent-Length: ").append(bytes.length)
                .append("\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing a listener cannot fail in a way that matters here
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
