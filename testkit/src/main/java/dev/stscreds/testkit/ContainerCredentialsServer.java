package dev.stscreds.testkit;

import dev.stscreds.testkit.LoopbackHttp.Answer;
import dev.stscreds.testkit.LoopbackHttp.Request;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * A local container credentials endpoint (what ECS and EKS Pod Identity serve) on 127.0.0.1.
 *
 * <p>{@code GET PATH} answers the credentials JSON ({@code AccessKeyId, SecretAccessKey, Token,
 * Expiration}, plus {@code AccountId} when set). When an authorization token is expected, a request
 * without an {@code Authorization} header gets 401 and one with another value 403. Other paths get
 * 404. Errors are {@code {"code", "message"}} documents, like the real agents'.
 */
public final class ContainerCredentialsServer implements AutoCloseable {
    public static final String DEFAULT_PATH = "/v2/credentials/stscreds-test";

    private final LoopbackHttp http = new LoopbackHttp("container", this::answer);

    private volatile String path;
    private volatile String expectedAuthorization;
    private volatile FakeCredentials credentials;
    private volatile String accountId;
    private volatile String credentialsDocument;

    public ContainerCredentialsServer() {
        reset();
    }

    /** Starts listening on a free loopback port; returns this server. */
    public ContainerCredentialsServer start() {
        http.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return http.baseUri();
    }

    /** {@code http://127.0.0.1:PORT/PATH}, to use as {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}. */
    public URI credentialsUri() {
        return endpoint().resolve(path);
    }

    /** The path the credentials are served at; must start with {@code /}. */
    public ContainerCredentialsServer path(String p) {
        if (!p.startsWith("/")) throw new IllegalArgumentException("path must start with /: " + p);
        this.path = p;
        return this;
    }

    public String path() {
        return path;
    }

    /** The {@code Authorization} value every request must carry; {@code null} accepts any request. */
    public ContainerCredentialsServer expectAuthorization(String token) {
        this.expectedAuthorization = token;
        return this;
    }

    public ContainerCredentialsServer credentials(FakeCredentials c) {
        this.credentials = c;
        return this;
    }

    /** The credentials served now (generated at start-up and at {@link #reset()} unless set). */
    public FakeCredentials credentials() {
        return credentials;
    }

    /** Adds {@code AccountId} to the answer; {@code null} leaves it out. */
    public ContainerCredentialsServer accountId(String id) {
        this.accountId = id;
        return this;
    }

    /** Serve this text instead of the document built from {@link #credentials()}; null undoes it. */
    public ContainerCredentialsServer credentialsDocument(String rawDocument) {
        this.credentialsDocument = rawDocument;
        return this;
    }

    public Faults faults() {
        return http.faults();
    }

    /** Requests received for this exact path (faulty answers included). */
    public int requests(String requestPath) {
        return http.requests(requestPath);
    }

    public int requests() {
        return http.requests();
    }

    /** Default configuration again: no faults, counters at zero, default path, no token, new credentials. */
    public void reset() {
        http.faults().clear();
        http.resetCounters();
        path = DEFAULT_PATH;
        expectedAuthorization = null;
        accountId = null;
        credentialsDocument = null;
        RandomGenerator random = new Random();
        credentials = FakeCredentials.generate(random,
                Clock.systemUTC().instant().plus(Duration.ofHours(6)).truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    public void close() {
        http.close();
    }

    private Answer answer(Request r) {
        if (!r.path().equals(path)) {
            return Answer.json(404, JsonText.error("NotFound", "no credentials at " + r.path()));
        }
        if (!r.method().equals("GET")) {
            return Answer.json(405, JsonText.error("MethodNotAllowed", r.method() + " is not allowed"));
        }
        String expected = expectedAuthorization;
        if (expected != null) {
            String given = r.header("Authorization");
            if (given == null) {
                return Answer.json(401, JsonText.error("Unauthorized", "the Authorization header is missing"));
            }
            if (!given.equals(expected)) {
                return Answer.json(403, JsonText.error("AccessDenied", "the authorization token is not valid"));
            }
        }
        String raw = credentialsDocument;
        if (raw != null) return Answer.json(200, raw);
        FakeCredentials c = credentials;
        JsonText doc = JsonText.object()
                .field("AccessKeyId", c.accessKeyId())
                .field("SecretAccessKey", c.secretAccessKey())
                .field("Token", c.sessionToken())
                .field("Expiration", c.expiration().toString());
        if (accountId != null) doc.field("AccountId", accountId);
        return Answer.json(200, doc.write());
    }
}
