package dev.stscreds.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The machinery the local endpoints share: an HTTP server on 127.0.0.1 at a free port, request
 * counters per path, and the {@link Faults} applied before the endpoint's own answer.
 *
 * <p>Public only so that the endpoints in the testkit's sub-packages can use it; not meant for
 * code outside the testkit.
 */
public final class LoopbackHttp implements AutoCloseable {

    /** What the endpoint sees of a request: {@code rawQuery} is null without a query; the body is read whole. */
    public record Request(String method, String path, String rawQuery, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        /** The first value of this parameter in an {@code application/x-www-form-urlencoded} body, or null. */
        public String formParameter(String name) {
            String form = new String(body, StandardCharsets.UTF_8);
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                try {
                    if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    }
                } catch (IllegalArgumentException e) {
                    return null; // not a form body
                }
            }
            return null;
        }
    }

    /** What the endpoint answers when no fault is armed. */
    public record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
        public static Answer json(int status, String json) {
            return of(status, "application/json", json);
        }

        public static Answer text(int status, String text) {
            return of(status, "text/plain", text);
        }

        public static Answer of(int status, String contentType, String body) {
            return new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(name, value);
            return new Answer(status, contentType, body, Map.copyOf(more));
        }
    }

    public interface Handler {
        Answer answer(Request request);
    }

    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final byte[] MALFORMED = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);

    private final String name;
    private final Handler handler;
    private final Consumer<Request> observer;
    private final Faults faults = new Faults();
    private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
    private final AtomicInteger requestsTotal = new AtomicInteger();
    private HttpServer server;
    private ExecutorService executor;

    public LoopbackHttp(String name, Handler handler) {
        this(name, handler, request -> {});
    }

    /** {@code observer} sees every request before any fault is applied, e.g. to count calls by what they ask. */
    public LoopbackHttp(String name, Handler handler, Consumer<Request> observer) {
        this.name = name;
        this.handler = handler;
        this.observer = observer;
    }

    public synchronized void start() {
        if (server != null) return;
        // The JDK server writes headers and body separately; without TCP_NODELAY every answer waits
        // ~40 ms for a delayed ACK (measured: 45 ms vs 2 ms per request). Read once, JVM-wide.
        if (System.getProperty(NODELAY) == null) System.setProperty(NODELAY, "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local " + name + " endpoint", e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stscreds-testkit-" + name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    public synchronized URI baseUri() {
        if (server == null) throw new IllegalStateException("the local " + name + " endpoint is not started");
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public Faults faults() {
        return faults;
    }

    public int requests(String path) {
        AtomicInteger n = requestsByPath.get(path);
        return n == null ? 0 : n.get();
    }

    public int requests() {
        return requestsTotal.get();
    }

    public void resetCounters() {
        requestsByPath.clear();
        requestsTotal.set(0);
    }

    @Override
    public synchronized void close() {
        if (server == null) return;
        server.stop(0);
        executor.shutdownNow(); // interrupts answers still sleeping in a delay or drip
        server = null;
        executor = null;
    }

    private void exchange(HttpExchange ex) {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            requestsTotal.incrementAndGet();
            requestsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = ex.getRequestBody().readAllBytes();
            Request request = new Request(method, path, ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body);
            observer.accept(request);
            Fault fault = faults.take(request).orElse(null);
            if (fault == null) {
                send(ex, handler.answer(request));
            } else {
                misbehave(ex, fault, request);
            }
        } catch (IOException e) {
            // the client went away (timed out, or refused an oversized body): nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is closing
        }
    }

    private void misbehave(HttpExchange ex, Fault fault, Request request) throws IOException, InterruptedException {
        switch (fault.kind()) {
            case STATUS:
                send(ex, Answer.json(fault.statusCode(),
                        "{\"code\":\"InjectedFault\",\"message\":\"status " + fault.statusCode() + " injected by the testkit\"}"));
                break;
            case DELAY:
                Thread.sleep(fault.duration().toMillis());
                send(ex, handler.answer(request));
                break;
            case SLOW_DRIP:
                drip(ex, handler.answer(request), fault.duration().toMillis());
                break;
            case MALFORMED_BODY:
                send(ex, new Answer(200, "application/json", MALFORMED, Map.of()));
                break;
            case CANNED_ANSWER:
                send(ex, fault.answer());
                break;
            case TRUNCATED_BODY:
                truncate(ex, handler.answer(request));
                break;
            case OVERSIZED_BODY:
                flood(ex, fault.size());
                break;
            case CLOSE_CONNECTION:
                // closing the exchange before any response headers makes the server drop the connection
                break;
            default:
                throw new IllegalStateException("unknown fault " + fault);
        }
    }

    private static void send(HttpExchange ex, Answer answer) throws IOException {
        writeHeaders(ex, answer);
        boolean noBody = answer.body().length == 0 || ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(answer.status(), noBody ? -1 : answer.body().length);
        if (!noBody) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private static void drip(HttpExchange ex, Answer answer, long pauseMillis) throws IOException, InterruptedException {
        writeHeaders(ex, answer);
        ex.sendResponseHeaders(answer.status(), 0); // chunked
        try (OutputStream out = ex.getResponseBody()) {
            for (byte b : answer.body()) {
                out.write(b);
                out.flush();
                Thread.sleep(pauseMillis);
            }
        }
    }

    /** Promises the whole body in Content-Length, sends half of it, then drops the connection. */
    private static void truncate(HttpExchange ex, Answer answer) throws IOException {
        writeHeaders(ex, answer);
        ex.sendResponseHeaders(answer.status(), answer.body().length);
        OutputStream out = ex.getResponseBody();
        out.write(answer.body(), 0, answer.body().length / 2);
        out.flush();
        // closing the exchange with bytes still owed makes the server close the connection
    }

    private static void flood(HttpExchange ex, long size) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0); // chunked: the client learns the size only by reading
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'x');
        block[0] = '{';
        try (OutputStream out = ex.getResponseBody()) {
            for (long left = size; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
                block[0] = 'x';
            }
        }
    }

    private static void writeHeaders(HttpExchange ex, Answer answer) {
        ex.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    }
}
