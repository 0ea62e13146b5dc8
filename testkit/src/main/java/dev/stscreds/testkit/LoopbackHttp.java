package dev.stscreds.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machinery both local endpoints share: an HTTP server on 127.0.0.1 at a free port, request
 * counters per path, and the {@link Faults} applied before the endpoint's own answer.
 */
final class LoopbackHttp implements AutoCloseable {

    /** What the endpoint sees of a request. */
    record Request(String method, String path, Headers headers) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** What the endpoint answers when no fault is armed. */
    record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Answer json(int status, String json) {
            return new Answer(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Answer text(int status, String text) {
            return new Answer(status, "text/plain", text.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        Answer withHeader(String name, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(name, value);
            return new Answer(status, contentType, body, Map.copyOf(more));
        }
    }

    interface Handler {
        Answer answer(Request request);
    }

    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final byte[] MALFORMED = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);

    private final String name;
    private final Handler handler;
    private final Faults faults = new Faults();
    private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
    private final AtomicInteger requestsTotal = new AtomicInteger();
    private HttpServer server;
    private ExecutorService executor;

    LoopbackHttp(String name, Handler handler) {
        this.name = name;
        this.handler = handler;
    }

    synchronized void start() {
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

    synchronized URI baseUri() {
        if (server == null) throw new IllegalStateException("the local " + name + " endpoint is not started");
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    Faults faults() {
        return faults;
    }

    int requests(String path) {
        AtomicInteger n = requestsByPath.get(path);
        return n == null ? 0 : n.get();
    }

    int requests() {
        return requestsTotal.get();
    }

    void resetCounters() {
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
            drain(ex.getRequestBody());
            Request request = new Request(method, path, ex.getRequestHeaders());
            Fault fault = faults.take(method, path).orElse(null);
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

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }
}
