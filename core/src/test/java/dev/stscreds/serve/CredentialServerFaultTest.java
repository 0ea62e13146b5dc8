package dev.stscreds.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.testkit.MutableClock;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server under attack and with a broken environment: connections held open without a request,
 * a log nobody reads. What must hold: a client that asks properly is answered, and nothing waits.
 */
class CredentialServerFaultTest {
    private static final String TOKEN = "a-container-token-of-at-least-32-characters";
    private static final Duration GUARD = Duration.ofSeconds(60);

    private final MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");
    private final CountingSessions upstream = new CountingSessions(clock);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> log = new ArrayList<>();
    private final List<Socket> held = new ArrayList<>();
    private CredentialServer server;

    @AfterEach
    void stop() throws IOException {
        for (Socket s : held) s.close();
        if (server != null) server.close();
    }

    private HttpResponse<String> ask() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.credentialsUri()).header("Authorization", TOKEN)
                .timeout(Duration.ofSeconds(30)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private synchronized void logLine(String line) {
        synchronized (log) {
            log.add(line);
        }
    }

    @Test
    void connectionsHeldOpenWithoutARequestDoNotKeepOutAClientThatAsks() throws Exception {
        CredentialServer.Limits d = CredentialServer.Limits.DEFAULT;
        // Timeouts long enough that only closing the longest-waiting connections can make room.
        server = CredentialServer.builder(upstream).clock(clock).authorizationToken(TOKEN).log(this::logLine)
                .limits(new CredentialServer.Limits(d.maxHeadBytes(), d.maxBodyBytes(), Duration.ofMinutes(5), Duration.ofMinutes(5),
                        d.maxConnections())).start();
        int max = d.maxConnections();
        // More idle connections than the server has room for, and some that begin a request and stall.
        for (int i = 0; i < max + 100; i++) held.add(new Socket(InetAddress.getByName("127.0.0.1"), server.port()));
        for (int i = 0; i < 50; i++) {
            Socket s = new Socket(InetAddress.getByName("127.0.0.1"), server.port());
            s.getOutputStream().write("GET /credentials HTTP/1.1\r\nHost: 127.0".getBytes(StandardCharsets.ISO_8859_1));
            held.add(s);
        }

        List<Integer> statuses = assertTimeoutPreemptively(GUARD, () -> {
            List<Integer> s = new ArrayList<>();
            for (int i = 0; i < 20; i++) s.add(ask().statusCode());
            return s;
        });

        assertThat(statuses).containsOnly(200);
        assertThat(server.openConnections()).isLessThanOrEqualTo(max);
        synchronized (log) {
            assertThat(log).anyMatch(line -> line.matches("127\\.0\\.0\\.1:\\d+ closed: it had not sent a whole request and all "
                    + max + " connections were open"));
            assertThat(log).noneMatch(line -> line.contains(" 503 "));
        }
    }

    @Test
    void aConnectionThatSendsNoWholeRequestInTimeIsClosedAndLogged() throws Exception {
        server = CredentialServer.builder(upstream).clock(clock).authorizationToken(TOKEN).log(this::logLine)
                .limits(new CredentialServer.Limits(16 * 1024, 1024, Duration.ofMillis(300), Duration.ofSeconds(5), 16)).start();

        try (Socket idle = new Socket(InetAddress.getByName("127.0.0.1"), server.port())) {
            idle.setSoTimeout(30_000);
            int read = assertTimeoutPreemptively(GUARD, () -> idle.getInputStream().read());
            assertThat(read).as("closed without an answer").isEqualTo(-1);
        }
        assertTimeoutPreemptively(GUARD, () -> {
            while (server.openConnections() > 0) Thread.onSpinWait();
        });
        synchronized (log) {
            assertThat(log).anyMatch(line -> line.matches("127\\.0\\.0\\.1:\\d+ closed: no request within 300 ms"));
        }
    }

    @Test
    void whenEveryConnectionIsBeingAnsweredANewOneGetsBusyAndItIsLogged() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inside = new CountDownLatch(2);
        dev.stscreds.CredentialsProvider stuck = () -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return upstream.resolve();
        };
        server = CredentialServer.builder(stuck).clock(clock).authorizationToken(TOKEN).log(this::logLine)
                .limits(new CredentialServer.Limits(16 * 1024, 1024, Duration.ofSeconds(5), Duration.ofSeconds(5), 2)).start();
        List<Thread> waiting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    RawHttp.send(server.port(), "GET /credentials HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                            + "\r\nAuthorization: " + TOKEN + "\r\nConnection: close\r\n\r\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            t.start();
            waiting.add(t);
        }
        assertTimeoutPreemptively(GUARD, () -> inside.await());

        RawHttp.Answer third = RawHttp.send(server.port(), "GET /credentials HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n");
        release.countDown();
        for (Thread t : waiting) t.join(30_000);

        assertThat(third.status()).isEqualTo(503);
        synchronized (log) {
            assertThat(log).anyMatch(line -> line.matches("127\\.0\\.0\\.1:\\d+ 503 refused: all 2 connections are being answered"));
        }
    }

    @Test
    void aLogSinkThatNeverTakesALineHoldsUpNoRequestAndTheDroppedLinesAreCounted() throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        StringWriter written = new StringWriter();
        Writer stalled = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                try {
                    unblock.await(); // a stderr pipe nobody reads
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                written.write(buf, off, len);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        int requests = RequestLog.CAPACITY * 3;
        try (RequestLog requestLog = RequestLog.to(stalled, clock)) {
            server = CredentialServer.builder(upstream).clock(clock).authorizationToken(TOKEN).log(requestLog).start();

            List<Integer> statuses = assertTimeoutPreemptively(GUARD, () -> {
                List<Integer> s = new ArrayList<>();
                for (int i = 0; i < requests; i++) s.add(ask().statusCode());
                return s;
            });
            assertThat(statuses).hasSize(requests).containsOnly(200);
            assertThat(requestLog.dropped()).as("lines the queue could not hold").isGreaterThanOrEqualTo(requests - RequestLog.CAPACITY - 1);

            unblock.countDown();
        }
        String text = written.toString();
        long logged = text.lines().filter(l -> l.endsWith(" GET /credentials 200")).count();
        Matcher dropped = Pattern.compile(" (\\d+) log lines were dropped: the log could not keep up").matcher(text);
        long droppedCount = 0;
        while (dropped.find()) droppedCount += Long.parseLong(dropped.group(1));
        assertThat(logged + droppedCount).as("every line is written or counted").isEqualTo(requests);
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("2026-05-01T10:00:00Z GET /credentials 200");
    }

    @Test
    void quietLeavesOutAnsweredRequestsButLogsRefusalsWithoutTheToken() throws Exception {
        server = CredentialServer.builder(upstream).clock(clock).authorizationToken(TOKEN).log(this::logLine)
                .logAnsweredRequests(false).start();

        assertThat(ask().statusCode()).isEqualTo(200);
        RawHttp.Answer wrong = RawHttp.send(server.port(), "GET /credentials HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nAuthorization: " + TOKEN + "-not\r\n\r\n");

        assertThat(wrong.status()).isEqualTo(403);
        synchronized (log) {
            assertThat(log).singleElement().asString()
                    .matches("127\\.0\\.0\\.1:\\d+ GET /credentials 403 refused: the Authorization token is wrong")
                    .doesNotContain(TOKEN);
        }
    }

    @Test
    void aLogFileIsPrivateAndAppendedToAndALinkIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("serve.log");
        try (RequestLog first = RequestLog.toFile(file, clock)) {
            first.accept("GET /credentials 200");
        }
        try (RequestLog second = RequestLog.toFile(file, clock)) {
            second.accept("GET /credentials 200");
        }
        assertThat(Files.readAllLines(file)).containsExactly("2026-05-01T10:00:00Z GET /credentials 200",
                "2026-05-01T10:00:00Z GET /credentials 200");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Path link = Files.createSymbolicLink(dir.resolve("link.log"), file);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RequestLog.toFile(link, clock))
                .isInstanceOf(dev.stscreds.CredentialsException.class).hasMessageContaining("cannot write the log file " + link);
    }

    @Test
    void aPathWithControlCharactersCannotForgeALogLine() throws Exception {
        server = CredentialServer.builder(upstream).clock(clock).authorizationToken(TOKEN).log(this::logLine).start();

        RawHttp.send(server.port(), "GET /x\u001b[2J\rforged HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nAuthorization: " + TOKEN + "\r\n\r\n");

        synchronized (log) {
            assertThat(log).anyMatch(l -> l.contains("GET /x?[2J?forged 404 refused: nothing is served at"));
            assertThat(log).noneMatch(l -> l.contains("\u001b") || l.contains("\r"));
        }
    }


    /** STS as a test drives it: answers, hangs until let go, or fails. */
    private static final class ScriptedSts implements dev.stscreds.CredentialsProvider {
        final CountingSessions sessions;
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        volatile CountDownLatch hang;
        volatile String failure;

        ScriptedSts(CountingSessions sessions) {
            this.sessions = sessions;
        }

        @Override
        public dev.stscreds.Credentials resolve() {
            calls.incrementAndGet();
            CountDownLatch h = hang;
            if (h != null) {
                try {
                    h.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure != null) throw new dev.stscreds.CredentialsException(failure, "check the network");
            return sessions.resolve();
        }

        @Override
        public String name() {
            return "profile dev";
        }
    }

    @Test
    void whileStsHangsThenFailsTheHeldSessionIsServedUntilItExpiresAndEveryFailedTryIsLoggedWithTheTimeLeft() throws Exception {
        java.util.Deque<Runnable> refreshes = new java.util.concurrent.ConcurrentLinkedDeque<>();
        ScriptedSts sts = new ScriptedSts(upstream);
        dev.stscreds.refresh.RefreshingCredentialsProvider provider = dev.stscreds.refresh.RefreshingCredentialsProvider.builder(sts)
                .clock(clock).executor(refreshes::add).random(new java.util.Random(1))
                .policy(dev.stscreds.refresh.RefreshPolicy.serving()).listener(f -> logLine(f.describe())).build();
        server = CredentialServer.builder(provider).clock(clock).authorizationToken(TOKEN).requireSessionFirst().log(this::logLine).start();
        java.time.Instant expiry = clock.instant().plus(CountingSessions.LIFETIME);

        // STS hangs in the session's last 30 seconds: clients still get the held session at once.
        sts.hang = new CountDownLatch(1);
        clock.set(expiry.minusSeconds(30));
        assertThat(assertTimeoutPreemptively(GUARD, this::ask).body()).contains("ASIATESTSESSION00001");
        assertThat(refreshes).hasSize(1);
        Thread hanging = new Thread(refreshes.poll());
        hanging.start();
        assertTimeoutPreemptively(GUARD, () -> {
            while (sts.calls.get() < 2) Thread.onSpinWait();
        });
        for (int i = 0; i < 5; i++) assertThat(assertTimeoutPreemptively(GUARD, this::ask).body()).contains("ASIATESTSESSION00001");
        server.warm();
        assertThat(refreshes).as("no second refresh while one hangs").isEmpty();

        // The hanging call fails at last; so does the next try, on the retry schedule.
        sts.failure = "STS did not answer (timed out after 30 s)";
        sts.hang.countDown();
        sts.hang = null;
        hanging.join(30_000);
        clock.advance(Duration.ofSeconds(14));
        server.warm();
        assertThat(refreshes).as("the next try waits half the time left: 15 s").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        server.warm();
        assertThat(refreshes).hasSize(1);
        refreshes.poll().run();
        assertThat(assertTimeoutPreemptively(GUARD, this::ask).body()).contains("ASIATESTSESSION00001");

        synchronized (log) {
            assertThat(log).contains("refreshing profile dev failed: STS did not answer (timed out after 30 s); the credentials held"
                    + " expire at " + expiry + " (30s left) and are served until then; next try in 15s");
            assertThat(log).contains("refreshing profile dev failed: STS did not answer (timed out after 30 s); the credentials held"
                    + " expire at " + expiry + " (15s left) and are served until then; next try in 8s");
        }

        // Expired: never served; the client gets the error, and once STS is back, a new session.
        clock.set(expiry);
        HttpResponse<String> expired = ask();
        assertThat(expired.statusCode()).isEqualTo(500);
        assertThat(expired.body()).contains("CredentialsUnavailable").doesNotContain("ASIATESTSESSION");
        sts.failure = null;
        clock.advance(Duration.ofSeconds(5));
        assertThat(ask().body()).contains("ASIATESTSESSION00002");
        assertThat(sts.calls).as("start, the hung try, the retry, the expired caller's try, the new session").hasValue(5);
    }
}
