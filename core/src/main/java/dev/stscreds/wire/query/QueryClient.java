package dev.stscreds.wire.query;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.HttpFetchException;
import dev.stscreds.wire.net.Network;
import dev.stscreds.wire.sigv4.HttpHeader;
import dev.stscreds.wire.sigv4.SigV4Signer;
import dev.stscreds.wire.sigv4.SignedRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Sends AWS Query-protocol requests (STS, IAM): a signed (or unsigned) form POST, the answer
 * parsed as XML safely, errors as {@link AwsServiceException}, and retries with jittered
 * exponential backoff for throttling, 5xx, {@code IDPCommunicationError} and broken connections.
 */
public final class QueryClient {
    private static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";
    private static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final long BASE_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;

        Pause REAL = d -> Thread.sleep(d.toMillis());
    }

    private final URI endpoint;
    private final SigV4Signer signer;
    private final HttpFetch http;
    private final Clock clock;
    private final RandomGenerator random;
    private final Pause pause;
    private final int maxAttempts;

    private QueryClient(Builder b) {
        this.endpoint = Objects.requireNonNull(b.endpoint, "endpoint");
        this.signer = SigV4Signer.create(b.service, b.signingRegion);
        this.http = new HttpFetch(b.connectTimeout, b.readTimeout, b.deadline, MAX_ANSWER_BYTES).withNetwork(b.network);
        this.clock = b.clock;
        this.random = b.random;
        this.pause = b.pause;
        this.maxAttempts = b.maxAttempts;
    }

    public static Builder builder(String service, URI endpoint, String signingRegion) {
        return new Builder(service, endpoint, signingRegion);
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Sends {@code form} signed with {@code credentials}, or unsigned when they are null, and
     * returns the {@code <ActionResult>} element of the answer.
     */
    public XmlElement call(QueryForm form, Credentials credentials) {
        String body = form.encode();
        for (int attempt = 1; ; attempt++) {
            try {
                return callOnce(form.action(), body, credentials);
            } catch (AwsServiceException e) {
                if (!e.retryable() || attempt >= maxAttempts) throw e;
            } catch (HttpFetchException e) {
                if (!e.isTransient() || attempt >= maxAttempts) throw e;
            }
            backOff(attempt, form.action());
        }
    }

    private XmlElement callOnce(String action, String body, Credentials credentials) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (credentials == null) {
            headers.put("Content-Type", CONTENT_TYPE);
        } else {
            SignedRequest signed = signer.signFormPost(endpoint, body, credentials, clock.instant());
            for (HttpHeader h : signed.headers()) {
                if (!h.is("Host")) headers.put(h.name(), h.value());
            }
        }
        HttpFetch.Response answer = http.send("POST", endpoint, headers, body);
        return QueryAnswers.read(action, endpoint, answer);
    }

    private void backOff(int attempt, String action) {
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, BASE_BACKOFF_MILLIS << Math.min(attempt, 20));
        long millis = ceiling / 2 + (long) (random.nextDouble() * (ceiling / 2.0)); // "equal jitter"
        try {
            pause.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsException("interrupted while waiting to retry " + action + " at " + endpoint);
        }
    }

    public static final class Builder {
        private final String service;
        private final URI endpoint;
        private final String signingRegion;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration deadline = Duration.ofSeconds(15);
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new java.util.Random();
        private Pause pause = Pause.REAL;
        private int maxAttempts = 3;
        private Network network = Network.JDK_DEFAULT;

        private Builder(String service, URI endpoint, String signingRegion) {
            this.service = service;
            this.endpoint = endpoint;
            this.signingRegion = signingRegion;
        }

        public Builder timeouts(Duration connect, Duration read, Duration total) {
            this.connectTimeout = connect;
            this.readTimeout = read;
            this.deadline = total;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        public Builder pause(Pause pause) {
            this.pause = Objects.requireNonNull(pause);
            return this;
        }

        public Builder maxAttempts(int attempts) {
            if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
            this.maxAttempts = attempts;
            return this;
        }

        /** Proxies and CA bundle ({@link Network#of}); the JDK's defaults when not given. */
        public Builder network(Network network) {
            this.network = Objects.requireNonNull(network);
            return this;
        }

        public QueryClient build() {
            return new QueryClient(this);
        }
    }
}
