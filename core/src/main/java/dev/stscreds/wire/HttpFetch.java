package dev.stscreds.wire;

import dev.stscreds.wire.HttpFetchException.Failure;
import dev.stscreds.wire.net.Network;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.HttpsURLConnection;

/**
 * A small HTTP/1.1 client for the credential endpoints (instance metadata, container, and the like).
 *
 * <p>Built on {@link HttpURLConnection} on purpose: {@code java.net.http.HttpClient} keeps the JVM
 * alive for a while at exit. Every exchange is bounded three ways: the connect timeout, the read
 * timeout (the longest wait for any bytes), and one deadline for the whole exchange — connect,
 * status line, headers and body. A socket timeout restarts with every byte, so a peer that sends its
 * headers or body one byte at a time would outlast it for ever: at the deadline a watchdog (on the
 * JDK's shared delayed executor, no thread of our own) closes the connection, which wakes the read,
 * and the exchange fails as timed out. Bodies are capped; redirects are not followed; the request and
 * its headers (which may carry tokens) never appear in an error.
 *
 * <p>Link-local, loopback and unique-local addresses (IMDS, ECS, EKS) are reached directly, never
 * through a proxy. {@link #withNetwork} gives a client with the environment's proxies and a CA bundle.
 *
 * <p>Note: like every {@code HttpURLConnection} user, a GET or PUT whose connection is closed
 * before any answer is sent once more by the JDK itself before this class sees the failure.
 */
public final class HttpFetch {

    /** An answer with any status; the body decoded as UTF-8. */
    public static final class Response {
        private final URI url;
        private final int status;
        private final Map<String, List<String>> headers;
        private final String body;

        Response(URI url, int status, Map<String, List<String>> headers, String body) {
            this.url = url;
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        public URI url() {
            return url;
        }

        public int status() {
            return status;
        }

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** Header names in lower case. */
        public Map<String, List<String>> headers() {
            return headers;
        }

        /** The first value of a header, by case-insensitive name. */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
        }

        public String body() {
            return body;
        }
    }

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration deadline;
    private final int maxBodyBytes;
    private final Network network;

    /**
     * @param connectTimeout the longest wait for the connection
     * @param readTimeout    the longest wait for any bytes of the answer
     * @param deadline       the longest the whole exchange may take, from the start of {@link #send}
     * @param maxBodyBytes   a longer answer body is an error
     */
    public HttpFetch(Duration connectTimeout, Duration readTimeout, Duration deadline, int maxBodyBytes) {
        this.connectTimeout = requirePositive(connectTimeout, "connect timeout");
        this.readTimeout = requirePositive(readTimeout, "read timeout");
        this.deadline = requirePositive(deadline, "deadline");
        if (maxBodyBytes <= 0) throw new IllegalArgumentException("maxBodyBytes must be positive");
        this.maxBodyBytes = maxBodyBytes;
        this.network = Network.JDK_DEFAULT;
    }

    private HttpFetch(HttpFetch base, Network network) {
        this.connectTimeout = base.connectTimeout;
        this.readTimeout = base.readTimeout;
        this.deadline = base.deadline;
        this.maxBodyBytes = base.maxBodyBytes;
        this.network = network;
    }

    /** The same client reaching the network through these proxies and trust settings. */
    public HttpFetch withNetwork(Network network) {
        return new HttpFetch(this, java.util.Objects.requireNonNull(network, "network"));
    }

    public Duration deadline() {
        return deadline;
    }

    /** A GET with these request headers. */
    public Response get(URI url, Map<String, String> headers) {
        return send("GET", url, headers, null);
    }

    /**
     * Sends one request and reads the whole answer, whatever its status.
     *
     * @param body the request body (UTF-8), or null for none
     * @throws HttpFetchException when no whole answer arrived; the message names the URL
     */
    public Response send(String method, URI url, Map<String, String> headers, String body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        // Monotonic time: the deadline is about real elapsed time, like the socket timeouts.
        long startNanos = System.nanoTime();
        String where = method + " " + url;
        HttpURLConnection c = open(url, where);
        boolean complete = false;
        Watchdog watchdog = new Watchdog(c, deadline);
        // Where the exchange is, so that a cut by the watchdog reads as the timeout of that step would.
        boolean connected = false;
        boolean answered = false;
        try (NetworkActivity.Exchange shown = NetworkActivity.begin(url.getHost())) {
            c.setConnectTimeout(millis(min(connectTimeout, deadline)));
            c.setReadTimeout(millis(min(readTimeout, deadline)));
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setRequestMethod(method);
            headers.forEach(c::setRequestProperty);
            byte[] payload = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            if (payload != null) {
                c.setDoOutput(true);
                // Not streaming mode: in it the JDK drops the body of a 401 answer (it cannot retry), and
                // the sign-in and OIDC services put their error code there. Bodies here are small.
            }
            connect(c, where, watchdog);
            connected = true;
            if (payload != null) {
                try (OutputStream out = c.getOutputStream()) {
                    out.write(payload);
                }
            }
            int status = c.getResponseCode();
            answered = true;
            checkDeadline(startNanos, where);
            Map<String, List<String>> responseHeaders = lowerCaseHeaders(c.getHeaderFields());
            long announced = c.getContentLengthLong();
            if (announced > maxBodyBytes) throw tooLarge(where, announced + " bytes announced");
            String text;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                text = in == null ? "" : readBody(in, startNanos, where, announced);
            }
            complete = true;
            return new Response(url, status, responseHeaders, text);
        } catch (SocketTimeoutException e) {
            throw noAnswer(where, e);
        } catch (HttpFetchException e) {
            if (watchdog.fired() && e.failure() == Failure.BROKEN) throw answered ? pastDeadline(where) : noAnswer(where, null);
            throw e;
        } catch (IOException e) {
            if (watchdog.fired() && !connected) throw connectTimeout(where, e);
            if (watchdog.fired()) throw answered ? pastDeadline(where) : noAnswer(where, null);
            throw new HttpFetchException(Failure.BROKEN, where + ": the connection failed before a whole answer arrived ("
                    + describe(e) + ")", e);
        } finally {
            watchdog.cancel();
            // A half-read connection must not go back to the JDK's keep-alive pool.
            if (!complete) c.disconnect();
        }
    }

    private HttpURLConnection open(URI url, String where) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new HttpFetchException(Failure.INVALID, where + ": only http and https URLs are supported", null);
        }
        if (url.getHost() == null) {
            throw new HttpFetchException(Failure.INVALID, where + ": the URL has no host", null);
        }
        try {
            Proxy proxy = directRoute(url.getHost()) ? Proxy.NO_PROXY : network.proxyFor(url);
            URLConnection c = proxy == null ? url.toURL().openConnection() : url.toURL().openConnection(proxy);
            if (c instanceof HttpsURLConnection tls) network.tls().ifPresent(tls::setSSLSocketFactory);
            return (HttpURLConnection) c;
        } catch (IOException | IllegalArgumentException e) {
            throw new HttpFetchException(Failure.INVALID, where + ": not a usable URL (" + describe(e) + ")", e);
        }
    }

    private void connect(HttpURLConnection c, String where, Watchdog watchdog) {
        try {
            c.connect();
        } catch (SocketTimeoutException e) {
            throw connectTimeout(where, e);
        } catch (IOException e) {
            if (watchdog.fired()) throw connectTimeout(where, e);
            throw new HttpFetchException(Failure.CONNECT, where + ": could not connect (" + describe(e) + ")", e);
        }
    }

    private String readBody(InputStream in, long startNanos, String where, long announced) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            checkDeadline(startNanos, where);
            int n = in.read(buffer);
            if (n < 0) break;
            if (out.size() + n > maxBodyBytes) throw tooLarge(where, "more than that sent");
            out.write(buffer, 0, n);
        }
        // A connection closed early would otherwise pass a cut-off document on as a whole one.
        if (announced >= 0 && out.size() < announced) {
            throw new HttpFetchException(Failure.BROKEN, where + ": the answer ended after " + out.size() + " of the "
                    + announced + " bytes its Content-Length announced", null);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void checkDeadline(long startNanos, String where) {
        if (System.nanoTime() - startNanos > deadline.toNanos()) throw pastDeadline(where);
    }

    private HttpFetchException connectTimeout(String where, IOException e) {
        return new HttpFetchException(Failure.CONNECT_TIMEOUT, where + ": could not connect within "
                + millis(min(connectTimeout, deadline)) + " ms", e);
    }

    /** Nothing, or no whole status line and headers, before the read timeout or the deadline. */
    private HttpFetchException noAnswer(String where, IOException e) {
        return new HttpFetchException(Failure.TIMEOUT, where + ": no answer within " + millis(min(readTimeout, deadline))
                + " ms", e);
    }

    private HttpFetchException pastDeadline(String where) {
        return new HttpFetchException(Failure.TIMEOUT, where + ": the answer did not finish within "
                + deadline.toMillis() + " ms", null);
    }

    /**
     * Closes the connection at the deadline, whatever the reading thread waits for. Once fired it closes it
     * again every few milliseconds until cancelled: the JDK sends a GET once more by itself when its
     * connection breaks before the answer, and that second connection must not escape the deadline.
     */
    private static final class Watchdog {
        private static final long AGAIN_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20);
        private final HttpURLConnection connection;
        private final java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile boolean cancelled;
        private volatile java.util.concurrent.CompletableFuture<Void> next;

        Watchdog(HttpURLConnection connection, Duration deadline) {
            this.connection = connection;
            schedule(deadline.toNanos());
        }

        private void schedule(long nanos) {
            next = java.util.concurrent.CompletableFuture.runAsync(this::fire,
                    java.util.concurrent.CompletableFuture.delayedExecutor(nanos, java.util.concurrent.TimeUnit.NANOSECONDS));
        }

        private void fire() {
            if (cancelled) return;
            fired.set(true);
            connection.disconnect(); // closes the socket: a read blocked on it fails at once
            if (!cancelled) schedule(AGAIN_NANOS);
        }

        boolean fired() {
            return fired.get();
        }

        void cancel() {
            cancelled = true;
            next.cancel(false);
        }
    }

    private HttpFetchException tooLarge(String where, String detail) {
        return new HttpFetchException(Failure.TOO_LARGE, where + ": the answer's body is over the limit of "
                + maxBodyBytes + " bytes (" + detail + ")", null);
    }

    /** True for hosts that must be reached without a proxy: loopback, link-local and unique-local literals. */
    static boolean directRoute(String host) {
        if (host.equalsIgnoreCase("localhost")) return true;
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!isIpLiteral(literal)) return false;
        try {
            InetAddress a = InetAddress.getByName(literal); // a literal: no name service is asked
            byte[] b = a.getAddress();
            boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
            return a.isLoopbackAddress() || a.isLinkLocalAddress() || uniqueLocal;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static Map<String, List<String>> lowerCaseHeaders(Map<String, List<String>> raw) {
        Map<String, List<String>> headers = new TreeMap<>();
        raw.forEach((name, values) -> {
            if (name != null) headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
        });
        return headers;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    private static Duration requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive");
        return d;
    }
}
