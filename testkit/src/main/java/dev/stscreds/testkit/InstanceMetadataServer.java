package dev.stscreds.testkit;

import dev.stscreds.testkit.LoopbackHttp.Answer;
import dev.stscreds.testkit.LoopbackHttp.Request;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * A local EC2 instance metadata service (IMDS) on 127.0.0.1: IMDSv2 session tokens and the IAM
 * role credentials paths, nothing else.
 *
 * <ul>
 *   <li>{@code PUT /latest/api/token} with {@code x-aws-ec2-metadata-token-ttl-seconds} between 1 and
 *       21600 gives a token that expires on the server's {@link Clock}; no or a bad TTL → 400.</li>
 *   <li>{@code GET /latest/meta-data/iam/security-credentials/} lists the role; with no role, 404.</li>
 *   <li>{@code GET /latest/meta-data/iam/security-credentials/ROLE} gives the credentials document.</li>
 *   <li>A GET with an unknown or expired token → 401; without a token → 401 when
 *       {@link #requireV2(boolean) v2 is required}, else answered (IMDSv1).</li>
 * </ul>
 *
 * <p>Configuration may change while the server runs; {@link #reset()} restores the defaults.
 */
public final class InstanceMetadataServer implements AutoCloseable {
    public static final String TOKEN_PATH = "/latest/api/token";
    public static final String CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/";
    public static final String TTL_HEADER = "x-aws-ec2-metadata-token-ttl-seconds";
    public static final String TOKEN_HEADER = "x-aws-ec2-metadata-token";
    public static final String DEFAULT_ROLE = "stscreds-test-role";
    private static final long MAX_TTL_SECONDS = 21600;

    private final LoopbackHttp http = new LoopbackHttp("imds", this::answer);
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();

    private volatile Clock clock;
    private volatile RandomGenerator random;
    private volatile String roleName;
    private volatile FakeCredentials credentials;
    private volatile String credentialsDocument;
    private volatile boolean requireV2;

    public InstanceMetadataServer() {
        reset();
    }

    /** Starts listening on a free loopback port; returns this server. */
    public InstanceMetadataServer start() {
        http.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT}, to use as {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}. */
    public URI endpoint() {
        return http.baseUri();
    }

    /** The role whose credentials are served; {@code null} means no role is attached (404). */
    public InstanceMetadataServer roleName(String name) {
        this.roleName = name;
        return this;
    }

    public String roleName() {
        return roleName;
    }

    public InstanceMetadataServer credentials(FakeCredentials c) {
        this.credentials = c;
        return this;
    }

    /** The credentials served now (generated at start-up and at {@link #reset()} unless set). */
    public FakeCredentials credentials() {
        return credentials;
    }

    /** Serve this text as the role's credentials document instead of one built from {@link #credentials()}; null undoes it. */
    public InstanceMetadataServer credentialsDocument(String rawDocument) {
        this.credentialsDocument = rawDocument;
        return this;
    }

    /** When true, requests without a token are refused with 401 (IMDSv1 disabled on the instance). */
    public InstanceMetadataServer requireV2(boolean required) {
        this.requireV2 = required;
        return this;
    }

    /** The clock that token expiry is measured on. */
    public InstanceMetadataServer clock(Clock c) {
        this.clock = c;
        return this;
    }

    public InstanceMetadataServer random(RandomGenerator r) {
        this.random = r;
        return this;
    }

    public Faults faults() {
        return http.faults();
    }

    /** Requests received for this exact path (faulty answers included). */
    public int requests(String path) {
        return http.requests(path);
    }

    public int requests() {
        return http.requests();
    }

    /** Tokens handed out by {@code PUT /latest/api/token}. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Forget every token issued, as if the service restarted: requests carrying one get 401. */
    public void revokeTokens() {
        tokens.clear();
    }

    /** Default configuration again: no faults, counters at zero, no tokens, new credentials. */
    public void reset() {
        http.faults().clear();
        http.resetCounters();
        tokens.clear();
        tokensIssued.set(0);
        clock = Clock.systemUTC();
        random = new Random();
        roleName = DEFAULT_ROLE;
        credentials = FakeCredentials.generate(random, clock.instant().plus(Duration.ofHours(6)).truncatedTo(ChronoUnit.SECONDS));
        credentialsDocument = null;
        requireV2 = false;
    }

    @Override
    public void close() {
        http.close();
    }

    private Answer answer(Request r) {
        if (r.path().equals(TOKEN_PATH)) {
            return r.method().equals("PUT") ? issueToken(r) : Answer.text(405, "Method Not Allowed");
        }
        if (!r.method().equals("GET")) return Answer.text(405, "Method Not Allowed");
        Answer refused = checkToken(r);
        if (refused != null) return refused;
        if (r.path().equals(CREDENTIALS_PATH)) {
            String role = roleName;
            return role == null ? Answer.text(404, "Not Found") : Answer.text(200, role);
        }
        if (r.path().startsWith(CREDENTIALS_PATH) && roleName != null
                && r.path().substring(CREDENTIALS_PATH.length()).equals(roleName)) {
            return Answer.json(200, document());
        }
        return Answer.text(404, "Not Found");
    }

    private Answer issueToken(Request r) {
        String ttlText = r.header(TTL_HEADER);
        long ttl;
        try {
            ttl = Long.parseLong(ttlText == null ? "" : ttlText.trim());
        } catch (NumberFormatException e) {
            return Answer.text(400, "Bad Request");
        }
        if (ttl < 1 || ttl > MAX_TTL_SECONDS) return Answer.text(400, "Bad Request");
        byte[] bytes = new byte[40];
        random.nextBytes(bytes);
        String token = "AQAEA" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "==";
        tokens.put(token, clock.instant().plusSeconds(ttl));
        tokensIssued.incrementAndGet();
        return Answer.text(200, token).withHeader(TTL_HEADER, Long.toString(ttl));
    }

    /** Null when the request may be answered, else the refusal. */
    private Answer checkToken(Request r) {
        String token = r.header(TOKEN_HEADER);
        if (token == null) return requireV2 ? Answer.text(401, "Unauthorized") : null;
        Instant expiry = tokens.get(token);
        if (expiry == null || !clock.instant().isBefore(expiry)) return Answer.text(401, "Unauthorized");
        return null;
    }

    private String document() {
        String raw = credentialsDocument;
        if (raw != null) return raw;
        FakeCredentials c = credentials;
        return JsonText.object()
                .field("Code", "Success")
                .field("LastUpdated", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
                .field("Type", "AWS-HMAC")
                .field("AccessKeyId", c.accessKeyId())
                .field("SecretAccessKey", c.secretAccessKey())
                .field("Token", c.sessionToken())
                .field("Expiration", c.expiration().toString())
                .write();
    }
}
