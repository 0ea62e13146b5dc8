package dev.stscreds.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.refresh.RefreshPolicy;
import dev.stscreds.refresh.RefreshingCredentialsProvider;
import dev.stscreds.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 10,000 requests from 50 concurrent clients while the session expires four times: every request
 * is served, and each expiry costs exactly one upstream call.
 */
class CredentialServerLoadTest {
    private static final String TOKEN = "a-container-token-of-at-least-32-characters";
    private static final int CLIENTS = 50;
    private static final int REQUESTS_PER_CLIENT = 200;
    private static final int EXPIRE_EVERY = 2_000;
    private static final Pattern KEY_ID = Pattern.compile("\"AccessKeyId\":\"(\\w+)\"");

    @Test
    void theKeepWarmTickRefreshesAheadOfExpiryWithoutAnyClientAsking() {
        MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");
        CountingSessions upstream = new CountingSessions(clock);
        RefreshingCredentialsProvider refreshing = RefreshingCredentialsProvider.builder(upstream).clock(clock).build();
        try (CredentialServer server = CredentialServer.builder(refreshing).clock(clock).authorizationToken(TOKEN)
                .requireSessionFirst().start()) {
            Duration advisory = RefreshPolicy.standard().advisoryWindow(CountingSessions.LIFETIME);
            clock.advance(CountingSessions.LIFETIME.minus(advisory).plusSeconds(1));

            server.warm();

            // The tick only starts the refresh; it lands on the decorator's own thread.
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                while (upstream.calls.get() < 2 || refreshing.cached().orElseThrow().accessKeyId().endsWith("00001")) {
                    Thread.onSpinWait();
                }
            });
            assertThat(upstream.calls).as("the start and the refresh the tick began").hasValue(2);
            assertThat(refreshing.cached().orElseThrow().expiration()).contains(clock.instant().plus(CountingSessions.LIFETIME));
        }
    }

    @Test
    void fiftyClientsAcrossFourExpiriesGetEveryAnswerAndEachExpiryCostsOneCall() {
        MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");
        CountingSessions upstream = new CountingSessions(clock);
        RefreshingCredentialsProvider refreshing = RefreshingCredentialsProvider.builder(upstream).clock(clock).build();
        int total = CLIENTS * REQUESTS_PER_CLIENT;

        try (CredentialServer server = CredentialServer.builder(refreshing).clock(clock).authorizationToken(TOKEN).start()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.credentialsUri().toString()))
                    .header("Authorization", TOKEN).timeout(Duration.ofSeconds(30)).GET().build();
            AtomicInteger done = new AtomicInteger();
            AtomicInteger expiries = new AtomicInteger();
            Map<String, Integer> servedKeys = new ConcurrentHashMap<>();
            List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());

            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                try {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<?>> running = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        running.add(clients.submit(() -> {
                            go.await();
                            for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() != 200) statuses.add(r.statusCode());
                                Matcher m = KEY_ID.matcher(r.body());
                                if (m.find()) servedKeys.merge(m.group(1), 1, Integer::sum);
                                // Every 2,000th answer moves the clock one session lifetime on: the session expires.
                                if (done.incrementAndGet() % EXPIRE_EVERY == 0 && done.get() < total) {
                                    clock.advance(CountingSessions.LIFETIME);
                                    expiries.incrementAndGet();
                                }
                            }
                            return null;
                        }));
                    }
                    go.countDown();
                    for (Future<?> f : running) f.get(120, TimeUnit.SECONDS);
                } finally {
                    clients.shutdownNow();
                }
            });

            assertThat(statuses).as("failed answers").isEmpty();
            assertThat(servedKeys.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
            assertThat(servedKeys.keySet()).isSubsetOf(upstream.issuedKeyIds);
            assertThat(expiries).hasValue(4);
            assertThat(upstream.calls).as("the first fetch and one per expiry").hasValue(1 + expiries.get());
        }
    }
}
