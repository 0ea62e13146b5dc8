package dev.stscreds.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.source.ContainerCredentialsProvider;
import dev.stscreds.source.InstanceMetadataCredentialsProvider;
import dev.stscreds.testkit.DribblingPeer;
import dev.stscreds.wire.HttpFetchException.Failure;
import dev.stscreds.wire.http.RequestBody;
import dev.stscreds.wire.http.SignedHttpClient;
import dev.stscreds.wire.query.QueryClient;
import dev.stscreds.wire.query.QueryForm;
import dev.stscreds.wire.sigv4.SigV4Signer;
import dev.stscreds.wire.sigv4.SignableRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that sends its status line and headers one byte at a time never gets past the deadline of an
 * exchange: every byte would restart a socket read timeout, so the deadline must hold over the whole
 * exchange (connect, status line, headers, body), for every kind of endpoint stscreds talks to.
 */
class DribblingPeerDeadlineTest {
    /** Only a guard against a hang: a client with a working deadline gives up after a few hundred ms. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);
    private static final Duration SHORT = Duration.ofMillis(300);

    private DribblingPeer peer;

    @BeforeEach
    void start() throws Exception {
        // A byte every 20 ms: well inside any read timeout, so only a deadline can end the exchange.
        peer = DribblingPeer.start(Duration.ofMillis(20));
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
    }

    private static Throwable failureOf(Callable<?> call) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> catchThrowable(call::call));
    }

    @Test
    void theHttpClientGivesUpAtItsDeadlineWhileHeadersDribble() {
        HttpFetch fetch = new HttpFetch(SHORT, SHORT, SHORT, 4096);
        Throwable t = failureOf(() -> fetch.get(peer.uri("/creds"), Map.of()));
        assertThat(t).isInstanceOf(HttpFetchException.class).hasMessageContaining("GET " + peer.uri("/creds"))
                .hasMessageContaining("no answer within 300 ms");
        assertThat(((HttpFetchException) t).failure()).isEqualTo(Failure.TIMEOUT);
    }

    @Test
    void aLongReadTimeoutDoesNotStretchTheDeadline() {
        HttpFetch fetch = new HttpFetch(SHORT, Duration.ofMinutes(10), SHORT, 4096);
        assertThat(failureOf(() -> fetch.send("POST", peer.uri("/"), Map.of(), "Action=GetCallerIdentity")))
                .isInstanceOf(HttpFetchException.class).hasMessageContaining("no answer within 300 ms");
    }

    @Test
    void instanceMetadata() {
        Settings settings = Settings.of(Map.of(), Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", peer.baseUrl()), Path.of("/nonexistent"));
        var imds = InstanceMetadataCredentialsProvider.builder(settings).timeout(SHORT).attempts(1).build();
        assertThat(failureOf(imds::resolve)).isInstanceOf(CredentialsException.class).hasMessageContaining(peer.baseUrl());
    }

    @Test
    void containerEndpoint() {
        Settings settings = Settings.of(Map.of(), Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", peer.uri("/creds").toString()),
                Path.of("/nonexistent"));
        var container = ContainerCredentialsProvider.builder(settings).timeout(SHORT).attempts(1).build();
        assertThat(failureOf(container::resolve)).isInstanceOf(CredentialsException.class).hasMessageContaining(peer.baseUrl());
    }

    @Test
    void stsQueryEndpoint() {
        QueryClient sts = QueryClient.builder("sts", peer.uri("/"), "us-east-1").timeouts(SHORT, Duration.ofMinutes(10), SHORT)
                .maxAttempts(1).clock(Clock.systemUTC()).build();
        Credentials keys = Credentials.builder().accessKeyId("AKIAIOSFODNN7EXAMPLE").secretAccessKey("secretsecret").build();
        assertThat(failureOf(() -> sts.call(QueryForm.of("GetCallerIdentity", "2011-06-15"), keys)))
                .hasMessageContaining("no answer within 300 ms");
    }

    @Test
    void signedRequestsOfCurl() {
        SignedHttpClient client = new SignedHttpClient(SHORT, SHORT);
        Credentials keys = Credentials.builder().accessKeyId("AKIAIOSFODNN7EXAMPLE").secretAccessKey("secretsecret").build();
        var signed = SigV4Signer.create("sts", "us-east-1").sign(
                SignableRequest.builder("GET", peer.uri("/")).build(), keys, Clock.systemUTC().instant());
        Throwable t = failureOf(() -> {
            try (var answer = client.send(signed, RequestBody.none())) {
                return answer.body().readAllBytes();
            }
        });
        assertThat(t).isInstanceOf(CredentialsException.class).hasMessageContaining(peer.baseUrl());
    }
}
