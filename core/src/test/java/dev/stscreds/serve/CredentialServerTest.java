package dev.stscreds.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.testkit.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both endpoints and every check, over real loopback connections. */
class CredentialServerTest {
    private static final String TOKEN = "a-container-token-of-at-least-32-characters";

    private final MutableClock clock = MutableClock.at("2026-05-01T10:00:00Z");
    private final CountingSessions upstream = new CountingSessions(clock);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> log = new ArrayList<>();
    private CredentialServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private CredentialServer ecs() {
        server = CredentialServer.builder(upstream).clock(clock).random(new Random(1)).authorizationToken(TOKEN)
                .log(line -> { synchronized (log) { log.add(line); } }).start();
        return server;
    }

    private CredentialServer imds(boolean allowV1) {
        server = CredentialServer.builder(upstream).mode(CredentialServer.Mode.IMDS).roleName("dev-role")
                .allowImdsV1(allowV1).clock(clock).random(new Random(1)).start();
        return server;
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        return http.send(b.PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** No answer that refuses a request may hold anything of a credential. */
    private static void assertNoCredentialIn(String body) {
        assertThat(body).doesNotContain("ASIATEST", "secret-of-session", "token-of-session", "AccessKeyId");
    }

    @Test
    void theContainerEndpointServesTheSessionWithTheRightToken() throws Exception {
        ecs();

        HttpResponse<String> r = get("/credentials", Map.of("Authorization", TOKEN));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.body()).isEqualTo("{\"AccessKeyId\":\"ASIATESTSESSION00001\",\"SecretAccessKey\":\"secret-of-session-1\","
                + "\"Token\":\"token-of-session-1\",\"Expiration\":\"2026-05-01T11:00:00Z\",\"AccountId\":\"123456789012\"}");
        assertThat(server.clientEnvironment()).containsExactly(
                Map.entry("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + server.port() + "/credentials"),
                Map.entry("AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN));
        assertThat(log).containsExactly("GET /credentials 200");
    }

    @Test
    void aGeneratedTokenHas256BitsAndIsNeverTheSameTwice() {
        String first;
        try (CredentialServer a = CredentialServer.builder(upstream).start()) {
            first = a.authorizationToken().orElseThrow();
        }
        try (CredentialServer b = CredentialServer.builder(upstream).start()) {
            assertThat(b.authorizationToken().orElseThrow()).isNotEqualTo(first);
        }
        assertThat(java.util.Base64.getUrlDecoder().decode(first)).hasSize(32);
    }

    @Test
    void noTokenAndAWrongTokenAreRefusedWithoutACredential() throws Exception {
        ecs();

        HttpResponse<String> none = get("/credentials", Map.of());
        HttpResponse<String> wrong = get("/credentials", Map.of("Authorization", TOKEN + "x"));
        HttpResponse<String> prefix = get("/credentials", Map.of("Authorization", TOKEN.substring(0, 10)));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(prefix.statusCode()).isEqualTo(403);
        for (HttpResponse<String> r : List.of(none, wrong, prefix)) assertNoCredentialIn(r.body());
        assertThat(upstream.calls).hasValue(0);
    }

    @Test
    void aHostHeaderThatIsNotThisServerIsRefused() throws Exception {
        ecs();
        int port = server.port();

        RawHttp.Answer rebound = RawHttp.send(port, "GET /credentials HTTP/1.1\r\nHost: evil.example:" + port
                + "\r\nAuthorization: " + TOKEN + "\r\n\r\n");
        RawHttp.Answer noHost = RawHttp.send(port, "GET /credentials HTTP/1.1\r\nAuthorization: " + TOKEN + "\r\n\r\n");
        RawHttp.Answer twoHosts = RawHttp.send(port, "GET /credentials HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nHost: evil.example\r\nAuthorization: " + TOKEN + "\r\n\r\n");
        RawHttp.Answer localhost = RawHttp.send(port, "GET /credentials HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nAuthorization: " + TOKEN + "\r\nConnection: close\r\n\r\n");

        assertThat(rebound.status()).isEqualTo(403);
        assertThat(noHost.status()).isEqualTo(403);
        assertThat(twoHosts.status()).isEqualTo(400);
        for (RawHttp.Answer a : List.of(rebound, noHost, twoHosts)) assertNoCredentialIn(a.text());
        assertThat(localhost.status()).isEqualTo(200);
    }

    @Test
    void aPeerThatIsNotThisMachineIsRefused() throws Exception {
        ServerRequest fromElsewhere = new ServerRequest("GET", "/credentials", "HTTP/1.1",
                Map.of("host", "127.0.0.1:80", "authorization", TOKEN), InetAddress.getByName("10.1.2.3"));
        ServerRequest local = new ServerRequest("GET", "/credentials", "HTTP/1.1",
                Map.of("host", "127.0.0.1:80"), InetAddress.getByName("127.0.0.1"));

        assertThat(SecurityChecks.loopbackPeer().refusal(fromElsewhere)).get().extracting(ServerResponse::status).isEqualTo(403);
        assertThat(SecurityChecks.loopbackPeer().refusal(local)).isEmpty();
    }

    @Test
    void oversizedRequestsAreRefused() throws Exception {
        ecs();
        int port = server.port();

        RawHttp.Answer hugeHeaders = RawHttp.send(port, "GET /credentials HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nX-Padding: " + "a".repeat(20_000) + "\r\n\r\n");
        RawHttp.Answer hugeBody = RawHttp.send(port, "PUT /credentials HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Length: 10000000\r\n\r\n");
        RawHttp.Answer chunked = RawHttp.send(port, "POST /credentials HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nTransfer-Encoding: chunked\r\n\r\n");
        RawHttp.Answer garbage = RawHttp.send(port, "\u0000\u0001 nonsense\r\n\r\n");

        assertThat(hugeHeaders.status()).isEqualTo(431);
        assertThat(hugeBody.status()).isEqualTo(413);
        assertThat(chunked.status()).isEqualTo(400);
        assertThat(garbage.status()).isEqualTo(400);
        for (RawHttp.Answer a : List.of(hugeHeaders, hugeBody, chunked, garbage)) assertNoCredentialIn(a.text());
    }

    @Test
    void aClientThatDripsItsRequestIsCutOffAtTheRequestTimeout() {
        server = CredentialServer.builder(upstream).authorizationToken(TOKEN)
                .limits(new CredentialServer.Limits(16 * 1024, 1024, Duration.ofMillis(500), Duration.ofSeconds(10), 16)).start();
        String request = "GET /credentials HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nAuthorization: " + TOKEN + "\r\n\r\n";

        RawHttp.Answer answer = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> RawHttp.drip(server.port(), request, Duration.ofMillis(50)));

        assertThat(answer.status()).isEqualTo(408);
        assertNoCredentialIn(answer.text());
        assertThat(upstream.calls).hasValue(0);
    }

    @Test
    void instanceMetadataNeedsATokenFromAPutAndServesTheRoleAndItsDocument() throws Exception {
        imds(false);

        HttpResponse<String> tokenAnswer = put("/latest/api/token", Map.of("X-aws-ec2-metadata-token-ttl-seconds", "60"));
        String token = tokenAnswer.body();
        HttpResponse<String> roles = get("/latest/meta-data/iam/security-credentials/", Map.of("X-aws-ec2-metadata-token", token));
        HttpResponse<String> document = get("/latest/meta-data/iam/security-credentials/dev-role",
                Map.of("X-aws-ec2-metadata-token", token));
        HttpResponse<String> withoutToken = get("/latest/meta-data/iam/security-credentials/dev-role", Map.of());

        assertThat(tokenAnswer.statusCode()).isEqualTo(200);
        assertThat(tokenAnswer.headers().firstValue("X-aws-ec2-metadata-token-ttl-seconds")).contains("60");
        assertThat(roles.body()).isEqualTo("dev-role");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).isEqualTo("{\"Code\":\"Success\",\"LastUpdated\":\"2026-05-01T10:00:00Z\",\"Type\":\"AWS-HMAC\","
                + "\"AccessKeyId\":\"ASIATESTSESSION00001\",\"SecretAccessKey\":\"secret-of-session-1\",\"Token\":\"token-of-session-1\","
                + "\"Expiration\":\"2026-05-01T11:00:00Z\",\"AccountId\":\"123456789012\"}");
        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertNoCredentialIn(withoutToken.body());
        assertThat(server.clientEnvironment()).containsExactly(
                Map.entry("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + server.port() + "/"));
    }

    @Test
    void instanceMetadataAnswersPathsWithADoubledLeadingSlashAsClientsJoinTheEndpointWithItsSlash() throws Exception {
        imds(false);
        int port = server.port();

        RawHttp.Answer token = RawHttp.send(port, "PUT //latest/api/token HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nX-aws-ec2-metadata-token-ttl-seconds: 60\r\nConnection: close\r\n\r\n");
        String value = token.text().substring(token.text().indexOf("\r\n\r\n") + 4);
        RawHttp.Answer roles = RawHttp.send(port, "GET //latest/meta-data/iam/security-credentials/ HTTP/1.1\r\nHost: 127.0.0.1:"
                + port + "\r\nX-aws-ec2-metadata-token: " + value + "\r\nConnection: close\r\n\r\n");

        assertThat(token.status()).isEqualTo(200);
        assertThat(roles.status()).isEqualTo(200);
        assertThat(roles.text()).endsWith("dev-role");
        assertThat(RequestReader.collapseLeadingSlashes("///latest//x")).isEqualTo("/latest//x");
        assertThat(RequestReader.collapseLeadingSlashes("/")).isEqualTo("/");
    }

    @Test
    void repeatedHeadersThatMustBeSingleAreRefused() throws Exception {
        ecs();
        int port = server.port();
        String head = "GET /credentials HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n";

        RawHttp.Answer twoAuthorizations = RawHttp.send(port, head + "Authorization: " + TOKEN + "\r\nAuthorization: other\r\n\r\n");
        RawHttp.Answer twoLengths = RawHttp.send(port, head + "Authorization: " + TOKEN
                + "\r\nContent-Length: 0\r\nContent-length: 5\r\n\r\nhello");
        RawHttp.Answer sameLengthTwice = RawHttp.send(port, head + "Authorization: " + TOKEN
                + "\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n");

        for (RawHttp.Answer a : List.of(twoAuthorizations, twoLengths, sameLengthTwice)) {
            assertThat(a.status()).isEqualTo(400);
            assertNoCredentialIn(a.text());
        }
        assertThat(twoAuthorizations.text()).contains("two Authorization headers");
        assertThat(twoLengths.text()).contains("two Content-Length headers");
        assertThat(upstream.calls).hasValue(0);
    }

    @Test
    void anInstanceMetadataTokenExpiresOnTheServersClock() throws Exception {
        imds(false);
        String token = put("/latest/api/token", Map.of("X-aws-ec2-metadata-token-ttl-seconds", "60")).body();

        clock.advance(Duration.ofSeconds(59));
        int before = get("/latest/meta-data/iam/security-credentials/", Map.of("X-aws-ec2-metadata-token", token)).statusCode();
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> after = get("/latest/meta-data/iam/security-credentials/dev-role", Map.of("X-aws-ec2-metadata-token", token));

        assertThat(before).isEqualTo(200);
        assertThat(after.statusCode()).isEqualTo(401);
        assertNoCredentialIn(after.body());
    }

    @Test
    void tokenRequestsOutsideTheRulesAreRefused() throws Exception {
        imds(false);

        assertThat(put("/latest/api/token", Map.of()).statusCode()).isEqualTo(400);
        assertThat(put("/latest/api/token", Map.of("X-aws-ec2-metadata-token-ttl-seconds", "0")).statusCode()).isEqualTo(400);
        assertThat(put("/latest/api/token", Map.of("X-aws-ec2-metadata-token-ttl-seconds", "21601")).statusCode()).isEqualTo(400);
        assertThat(put("/latest/api/token", Map.of("X-aws-ec2-metadata-token-ttl-seconds", "60", "X-Forwarded-For", "1.2.3.4"))
                .statusCode()).isEqualTo(403);
        assertThat(get("/latest/api/token", Map.of()).statusCode()).isEqualTo(405);
        assertThat(get("/latest/meta-data/iam/security-credentials/dev-role", Map.of("X-aws-ec2-metadata-token", "made-up"))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void imdsV1OnlyWhenAllowed() throws Exception {
        imds(true);

        HttpResponse<String> document = get("/latest/meta-data/iam/security-credentials/dev-role", Map.of());
        HttpResponse<String> otherRole = get("/latest/meta-data/iam/security-credentials/other", Map.of());

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"AccessKeyId\":\"ASIATESTSESSION00001\"");
        assertThat(otherRole.statusCode()).isEqualTo(404);
    }

    @Test
    void rolesByArnOnlyWhenAllowedEachAssumedOnceAndBadArnsRefused() throws Exception {
        ecs();
        HttpResponse<String> off = get("/role-arn/arn:aws:iam::123456789012:role/Other", Map.of("Authorization", TOKEN));
        assertThat(off.statusCode()).isEqualTo(404);
        assertThat(off.body()).contains("--allow-role-arn");
        server.close();

        AtomicInteger providersMade = new AtomicInteger();
        Map<String, CountingSessions> perRole = new java.util.concurrent.ConcurrentHashMap<>();
        server = CredentialServer.builder(upstream).clock(clock).authorizationToken(TOKEN).roleAssumption(arn -> {
            providersMade.incrementAndGet();
            return perRole.computeIfAbsent(arn, a -> new CountingSessions(clock));
        }).start();

        HttpResponse<String> first = get("/role-arn/arn:aws:iam::123456789012:role/Other", Map.of("Authorization", TOKEN));
        HttpResponse<String> encoded = get("/role-arn/arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FOther", Map.of("Authorization", TOKEN));
        HttpResponse<String> bad = get("/role-arn/not-an-arn", Map.of("Authorization", TOKEN));
        HttpResponse<String> noToken = get("/role-arn/arn:aws:iam::123456789012:role/Other", Map.of());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(encoded.statusCode()).isEqualTo(200);
        assertThat(providersMade).as("one provider per role ARN").hasValue(1);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(upstream.calls).as("the served profile itself was not asked").hasValue(0);
    }

    @Test
    void longTermKeysAreNeverServed() throws Exception {
        CredentialsProvider longTerm = () -> Credentials.of("AKIALONGTERMKEY00001", "long-term-secret", "profile dev");
        server = CredentialServer.builder(longTerm).authorizationToken(TOKEN).start();

        HttpResponse<String> r = get("/credentials", Map.of("Authorization", TOKEN));

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("LongTermKeysNotServed", "stscreds auth").doesNotContain("AKIALONGTERMKEY", "long-term-secret");
    }

    @Test
    void aServerThatMustHaveASessionFirstRefusesToStartOnLongTermKeys() {
        CredentialsProvider longTerm = () -> Credentials.of("AKIALONGTERMKEY00001", "long-term-secret", "profile dev");

        assertThatThrownBy(() -> CredentialServer.builder(longTerm).requireSessionFirst().start())
                .isInstanceOf(CredentialsException.class)
                .hasMessageNotContaining("long-term-secret")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString().contains("stscreds auth"));
    }

    @Test
    void aSessionWithoutAKnownExpiryIsServedAsLastingFifteenMinutesAndDescribedAsWhatItIs() throws Exception {
        CredentialsProvider session = () -> Credentials.builder().accessKeyId("ASIASESSIONNOEXPIRY1").secretAccessKey("secret-of-session-x")
                .sessionToken("token-of-session-x").source("profile dev").build();
        session = named(session, "profile dev");
        server = CredentialServer.builder(session).clock(clock).authorizationToken(TOKEN).requireSessionFirst()
                .log(line -> { synchronized (log) { log.add(line); } }).start();

        HttpResponse<String> r = get("/credentials", Map.of("Authorization", TOKEN));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"Expiration\":\"2026-05-01T10:15:00Z\"");
        assertThat(log.get(0)).contains("profile dev gives session credentials with no known expiry", "15 minutes", "stscreds auth")
                .doesNotContain("long-term", "secret-of-session-x", "token-of-session-x");
    }

    private static CredentialsProvider named(CredentialsProvider p, String name) {
        return new CredentialsProvider() {
            @Override
            public Credentials resolve() {
                return p.resolve();
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    @Test
    void aTokenFileIsCreatedPrivateAndThenReusedAndAShortTokenIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        String created;
        try (CredentialServer first = CredentialServer.builder(upstream).authorizationTokenFile(file).start()) {
            created = first.authorizationToken().orElseThrow();
            assertThat(first.clientEnvironment()).containsEntry("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file.toString())
                    .doesNotContainKey("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        }
        assertThat(Files.readString(file)).isEqualTo(created);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (CredentialServer second = CredentialServer.builder(upstream).authorizationTokenFile(file).start()) {
            assertThat(second.authorizationToken()).contains(created);
        }

        Files.writeString(file, "short\n");
        assertThatThrownBy(() -> CredentialServer.builder(upstream).authorizationTokenFile(file).start())
                .isInstanceOf(CredentialsException.class).hasMessageContaining("at least 32 printable characters");
    }

    @Test
    void anUpstreamFailureIsA500ThatSaysWhatToDo() throws Exception {
        CredentialsProvider failing = () -> {
            throw new CredentialsException("profile dev: the MFA code was refused", "run stscreds auth -p dev");
        };
        server = CredentialServer.builder(failing).authorizationToken(TOKEN).start();

        HttpResponse<String> r = get("/credentials", Map.of("Authorization", TOKEN));

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"code\":\"CredentialsUnavailable\",\"message\":\"profile dev: the MFA code was refused"
                + " (run stscreds auth -p dev)\"}");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        ecs();

        assertThat(get("/", Map.of("Authorization", TOKEN)).statusCode()).isEqualTo(404);
        assertThat(put("/credentials", Map.of("Authorization", TOKEN)).statusCode()).isEqualTo(405);
        assertThat(ContainerEndpoint.percentDecoded("a%2")).isEqualTo(Optional.empty());
        assertThat(ContainerEndpoint.percentDecoded("role%2Fa+b")).contains("role/a+b");
    }
}
