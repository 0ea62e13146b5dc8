package dev.stscreds.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile HTTP peer on loopback: it accepts every connection, reads what arrives, and answers with a
 * status line and headers that never end, one byte at a time with a pause between bytes, until the client
 * hangs up or the peer is closed. A client whose only guard is a socket read timeout waits for ever, since
 * every byte restarts that timeout.
 *
 * <pre>{@code
 * try (DribblingPeer peer = DribblingPeer.start(Duration.ofMillis(20))) {
 *     ... point a client at peer.uri("/latest/api/token") and expect it to give up at its deadline
 * }
 * }</pre>
 */
public final class DribblingPeer implements AutoCloseable {
    private static final byte[] HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Dribble: "
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final long pauseMillis;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dribbling-peer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger hungUp = new AtomicInteger();

    private DribblingPeer(ServerSocket server, long pauseMillis) {
        this.server = server;
        this.pauseMillis = pauseMillis;
    }

    /** Starts a peer that sends one byte every {@code betweenBytes}. */
    public static DribblingPeer start(Duration betweenBytes) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        DribblingPeer peer = new DribblingPeer(server, Math.max(1, betweenBytes.toMillis()));
        peer.threads.execute(peer::acceptLoop);
        return peer;
    }

    /** {@code http://127.0.0.1:PORT} followed by {@code path}. */
    public URI uri(String path) {
        return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + path);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** How many connections were accepted. */
    public int connections() {
        return connections.get();
    }

    /** How many clients hung up while bytes were still dribbling (what a client with a deadline does). */
    public int hungUp() {
        return hungUp.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                threads.execute(() -> dribble(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void dribble(Socket s) {
        try (s) {
            threads.execute(() -> drain(s));
            OutputStream out = s.getOutputStream();
            for (byte b : HEAD) {
                out.write(b);
                out.flush();
                Thread.sleep(pauseMillis);
            }
            while (!server.isClosed()) {
                out.write('x');
                out.flush();
                Thread.sleep(pauseMillis);
            }
        } catch (IOException e) {
            hungUp.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads and drops whatever the client sends, so that its writes never block. */
    private static void drain(Socket s) {
        try {
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            while (in.read(buffer) >= 0) {
                // dropped
            }
        } catch (IOException ignored) {
            // the connection ended
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
