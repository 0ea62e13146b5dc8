package dev.stscreds.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.testkit.ContainerCredentialsServer;
import dev.stscreds.testkit.Fault;
import dev.stscreds.testkit.LocalEndpoints;
import dev.stscreds.wire.HttpFetchException.Failure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpFetchTest {
    private static final Duration GUARD = Duration.ofSeconds(10);

    @RegisterExtension
    static LocalEndpoints endpoints = LocalEndpoints.create();

    private ContainerCredentialsServer server;
    private URI url;
    private final HttpFetch fetch = new HttpFetch(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500), 4096);

    @BeforeEach
    void setUp() {
        server = endpoints.container();
        url = server.credentialsUri();
    }

    private HttpFetchException failure(HttpFetch f, URI target) {
        return assertTimeoutPreemptively(GUARD, () -> catchThrowableOfType(HttpFetchException.class, () -> f.get(target, Map.of())));
    }

    @Test
    void readsStatusHeadersAndBody() {
        server.expectAuthorization("let-me-in");
        HttpFetch.Response r = assertTimeoutPreemptively(GUARD, () -> fetch.get(url, Map.of("Authorization", "let-me-in")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.header("CONTENT-TYPE")).contains("application/json");
        assertThat(r.body()).contains(server.credentials().accessKeyId());
        assertThat(r.url()).isEqualTo(url);
    }

    @Test
    void errorStatusesAreAnswersWithTheirBody() {
        server.faults().next(1, Fault.status(418));
        HttpFetch.Response r = assertTimeoutPreemptively(GUARD, () -> fetch.get(url, Map.of()));
        assertThat(r.status()).isEqualTo(418);
        assertThat(r.body()).contains("InjectedFault");
    }

    @Test
    void redirectsAreNotFollowed() {
        server.faults().next(1, Fault.status(302));
        assertThat(assertTimeoutPreemptively(GUARD, () -> fetch.get(url, Map.of())).status()).isEqualTo(302);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void eachExchangeIsShownToTheActivityListenerAndEndsWhateverItsOutcome() throws IOException {
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        NetworkActivity.Listener previous = NetworkActivity.listen(what -> {
            events.add("start " + what);
            return () -> events.add("end " + what);
        });
        try {
            server.faults().next(1, Fault.status(500));
            assertTimeoutPreemptively(GUARD, () -> fetch.get(url, Map.of()));
            failure(fetch, URI.create("http://127.0.0.1:" + freePort() + "/x"));
        } finally {
            NetworkActivity.listen(previous);
        }
        assertThat(events).containsExactly("start 127.0.0.1", "end 127.0.0.1", "start 127.0.0.1", "end 127.0.0.1");
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheExchange() {
        NetworkActivity.Listener previous = NetworkActivity.listen(what -> {
            throw new IllegalStateException("broken display");
        });
        try {
            assertThat(assertTimeoutPreemptively(GUARD, () -> fetch.get(url, Map.of())).status()).isEqualTo(200);
        } finally {
            NetworkActivity.listen(previous);
        }
    }

    @Test
    void aRefusedConnectionNamesTheUrl() throws IOException {
        URI nothingListens = URI.create("http://127.0.0.1:" + freePort() + "/x");
        HttpFetchException e = failure(fetch, nothingListens);
        assertThat(e.failure()).isEqualTo(Failure.CONNECT);
        assertThat(e.isUnreachable()).isTrue();
        assertThat(e).hasMessageContaining("GET " + nothingListens).hasMessageContaining("could not connect");
    }

    @Test
    void aConnectionThatIsNeverAcceptedTimesOutAsUnreachable() throws IOException {
        // A listener that never accepts, with its queue filled, drops further connection attempts.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        queued.add(s);
                    } catch (SocketTimeoutException queueIsFull) {
                        s.close();
                        break;
                    }
                }
                URI target = URI.create("http://127.0.0.1:" + full.getLocalPort() + "/x");
                HttpFetchException e = failure(fetch, target);
                assertThat(e.failure()).isEqualTo(Failure.CONNECT_TIMEOUT);
                assertThat(e.isUnreachable()).isTrue();
                assertThat(e).hasMessageContaining("could not connect within 500 ms");
            } finally {
                for (Socket s : queued) s.close();
            }
        }
    }

    @Test
    void aLateAnswerTimesOut() {
        server.faults().always(Fault.delay(Duration.ofSeconds(30)));
        HttpFetchException e = failure(fetch, url);
        assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
        assertThat(e).hasMessageContaining(url.toString()).hasMessageContaining("no answer within 500 ms");
    }

    @Test
    void aTrickledBodyStopsAtTheDeadlineEvenThoughEveryReadIsQuick() {
        HttpFetch patientReads = new HttpFetch(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(300), 4096);
        server.faults().always(Fault.slowDrip(Duration.ofMillis(20)));
        HttpFetchException e = failure(patientReads, url);
        assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
        assertThat(e).hasMessageContaining("did not finish within 300 ms");
    }

    @Test
    void anOversizedBodyIsRefusedNamingTheLimit() {
        server.faults().always(Fault.oversizedBody(10L * 1024 * 1024));
        HttpFetchException e = failure(fetch, url);
        assertThat(e.failure()).isEqualTo(Failure.TOO_LARGE);
        assertThat(e.isTransient()).isFalse();
        assertThat(e).hasMessageContaining(url.toString()).hasMessageContaining("over the limit of 4096 bytes");
    }

    @Test
    void aClosedConnectionIsBroken() {
        server.faults().always(Fault.closeConnection());
        HttpFetchException e = failure(fetch, url);
        assertThat(e.failure()).isEqualTo(Failure.BROKEN);
        assertThat(e.isTransient()).isTrue();
    }

    @Test
    void requestHeadersNeverAppearInErrors() {
        server.faults().always(Fault.delay(Duration.ofSeconds(30)));
        HttpFetchException e = assertTimeoutPreemptively(GUARD, () -> catchThrowableOfType(HttpFetchException.class,
                () -> fetch.get(url, Map.of("Authorization", "super-secret-token"))));
        assertThat(e.describe()).doesNotContain("super-secret-token");
    }

    @Test
    void onlyHttpAndHttpsAreSupported() {
        HttpFetchException e = failure(fetch, URI.create("file:///etc/passwd"));
        assertThat(e.failure()).isEqualTo(Failure.INVALID);
    }

    @Test
    void metadataAddressesBypassAnyProxy() {
        assertThat(HttpFetch.directRoute("169.254.169.254")).isTrue();
        assertThat(HttpFetch.directRoute("169.254.170.2")).isTrue();
        assertThat(HttpFetch.directRoute("[fd00:ec2::254]")).isTrue();
        assertThat(HttpFetch.directRoute("127.0.0.1")).isTrue();
        assertThat(HttpFetch.directRoute("[::1]")).isTrue();
        assertThat(HttpFetch.directRoute("localhost")).isTrue();
        assertThat(HttpFetch.directRoute("10.1.2.3")).isFalse();
        assertThat(HttpFetch.directRoute("sts.amazonaws.com")).isFalse();
    }

    @Test
    void anAnswerCutShortOfItsContentLengthIsBrokenNotAShorterDocument() throws Exception {
        try (ServerSocket cutter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread answer = new Thread(() -> {
                try (Socket c = cutter.accept()) {
                    c.getInputStream().read(new byte[4096]);
                    c.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                            + "{\"AccessKeyId\": \"ASIA\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    c.getOutputStream().flush();
                } catch (IOException ignored) {
                    // the client side reports what happened
                }
            });
            answer.start();
            HttpFetchException e = failure(fetch, URI.create("http://127.0.0.1:" + cutter.getLocalPort() + "/creds"));
            answer.join();
            assertThat(e).isNotNull();
            assertThat(e.failure()).isEqualTo(Failure.BROKEN);
            assertThat(e.getMessage()).contains("127.0.0.1:" + cutter.getLocalPort() + "/creds");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
