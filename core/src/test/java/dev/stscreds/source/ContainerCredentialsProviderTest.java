package dev.stscreds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.config.Settings;
import dev.stscreds.testkit.ContainerCredentialsServer;
import dev.stscreds.testkit.FakeCredentials;
import dev.stscreds.testkit.Fault;
import dev.stscreds.testkit.LocalEndpoints;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ContainerCredentialsProviderTest {
    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    private static final String TOKEN = "Bearer-s3cr3t-container-token-value";

    @RegisterExtension
    static LocalEndpoints endpoints = LocalEndpoints.create();

    @TempDir
    Path tmp;

    private ContainerCredentialsServer server;
    private final List<Integer> pauses = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        server = endpoints.container();
    }

    private Settings settings(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.credentialsUri().toString());
        env.putAll(extra);
        return Settings.of(Map.of(), env, tmp);
    }

    private ContainerCredentialsProvider provider(Settings s) {
        return ContainerCredentialsProvider.builder(s).timeout(SHORT_TIMEOUT).pause(pauses::add).build();
    }

    private Credentials resolve(Settings s) {
        return assertTimeoutPreemptively(GUARD, () -> provider(s).resolve());
    }

    private static void assertFailsWithin(ThrowingCallable call, Class<? extends Throwable> type, String... fragments) {
        assertTimeoutPreemptively(GUARD, () -> {
            var failure = assertThatThrownBy(call).isExactlyInstanceOf(type);
            for (String f : fragments) failure.hasMessageContaining(f);
        });
    }

    @Test
    void fullUriToTheLoopbackEndpointGivesItsCredentials() {
        FakeCredentials served = FakeCredentials.generate(new Random(7), Instant.parse("2026-11-22T17:00:00Z"));
        server.credentials(served).accountId("123456789012");

        Credentials c = resolve(settings(Map.of()));

        assertThat(c.accessKeyId()).isEqualTo(served.accessKeyId()).startsWith("ASIA");
        assertThat(c.secretAccessKey()).isEqualTo(served.secretAccessKey());
        assertThat(c.sessionToken()).contains(served.sessionToken());
        assertThat(c.expiration()).contains(served.expiration());
        assertThat(c.accountId()).contains("123456789012");
        assertThat(c.source()).isEqualTo("container endpoint " + server.credentialsUri());
        assertThat(server.requests(server.path())).isEqualTo(1);
    }

    @Test
    void accountIdIsOptional() {
        assertThat(resolve(settings(Map.of())).accountId()).isEmpty();
    }

    @Test
    void tokenFromTheEnvironmentIsSent() {
        server.expectAuthorization(TOKEN);
        assertThat(resolve(settings(Map.of("AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN))).accessKeyId())
                .isEqualTo(server.credentials().accessKeyId());
    }

    @Test
    void tokenFileIsReadAgainAtEveryCallAndWinsOverTheVariable() throws Exception {
        Path file = tmp.resolve("token");
        Files.writeString(file, "first-token");
        Settings s = settings(Map.of("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file.toString(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "variable-token"));
        ContainerCredentialsProvider provider = provider(s);

        server.expectAuthorization("first-token");
        assertTimeoutPreemptively(GUARD, provider::resolve);

        Files.writeString(file, "rotated-token");
        server.expectAuthorization("rotated-token");
        assertTimeoutPreemptively(GUARD, provider::resolve);

        server.expectAuthorization("first-token");
        assertFailsWithin(provider::resolve, CredentialsException.class, "answered 403");
    }

    @Test
    void missingTokenIs401AndWrongTokenIs403WithoutShowingTheToken() {
        server.expectAuthorization(TOKEN);
        assertTimeoutPreemptively(GUARD, () -> {
            assertThatThrownBy(() -> provider(settings(Map.of())).resolve())
                    .hasMessageContaining("answered 401")
                    .hasMessageContaining("Unauthorized")
                    .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString()
                            .contains("AWS_CONTAINER_AUTHORIZATION_TOKEN"));
            assertThatThrownBy(() -> provider(settings(Map.of("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong-token-value"))).resolve())
                    .hasMessageContaining("answered 403: AccessDenied: the authorization token is not valid")
                    .satisfies(e -> assertThat(((CredentialsException) e).describe()).doesNotContain("wrong-token-value"));
        });
        assertThat(server.requests(server.path())).as("4xx is not retried").isEqualTo(2);
    }

    @Test
    void tokenWithALineBreakIsRefusedBeforeAnyRequestAndNotShown() throws Exception {
        assertFailsWithin(() -> provider(settings(Map.of("AWS_CONTAINER_AUTHORIZATION_TOKEN", "abc\r\nX-Evil: 1"))).resolve(),
                CredentialsException.class, "line break", "AWS_CONTAINER_AUTHORIZATION_TOKEN");

        Path file = tmp.resolve("token-with-newline");
        Files.writeString(file, TOKEN + "\n");
        assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() ->
                provider(settings(Map.of("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file.toString()))).resolve())
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line break")
                .satisfies(e -> assertThat(((CredentialsException) e).describe()).doesNotContain(TOKEN)));
        assertThat(server.requests()).isZero();
    }

    @Test
    void unreadableOrEmptyTokenFileIsAnErrorNamingIt() throws Exception {
        Path missing = tmp.resolve("missing-token");
        assertFailsWithin(() -> provider(settings(Map.of("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", missing.toString()))).resolve(),
                CredentialsException.class, "cannot read", missing.toString());
        Path empty = Files.write(tmp.resolve("empty-token"), new byte[0]);
        assertFailsWithin(() -> provider(settings(Map.of("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", empty.toString()))).resolve(),
                CredentialsException.class, "is empty", empty.toString());
    }

    @Test
    void serverErrorsAreRetriedThenTheAnswerIsUsed() {
        server.faults().next(2, Fault.status(500));
        Credentials c = resolve(settings(Map.of()));
        assertThat(c.accessKeyId()).isEqualTo(server.credentials().accessKeyId());
        assertThat(server.requests(server.path())).isEqualTo(3);
        assertThat(pauses).containsExactly(2, 3);
    }

    @Test
    void serverErrorsOnEveryAttemptFailWithTheLastAnswer() {
        server.faults().always(Fault.status(503));
        assertFailsWithin(() -> provider(settings(Map.of())).resolve(), CredentialsException.class,
                "container endpoint " + server.credentialsUri(), "answered 503", "InjectedFault");
        assertThat(server.requests(server.path())).isEqualTo(3);
    }

    @Test
    void attemptsCanBeChanged() {
        server.faults().always(Fault.status(500));
        assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() ->
                ContainerCredentialsProvider.builder(settings(Map.of())).timeout(SHORT_TIMEOUT).attempts(1)
                        .pause(pauses::add).build().resolve()).hasMessageContaining("answered 500"));
        assertThat(server.requests(server.path())).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void notFoundIsNotRetriedAndPointsAtThePath() {
        server.path("/elsewhere");
        assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() ->
                provider(settings(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.endpoint() + "/wrong"))).resolve())
                .hasMessageContaining("answered 404: NotFound")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString()
                        .contains("AWS_CONTAINER_CREDENTIALS_FULL_URI")));
        assertThat(server.requests("/wrong")).isEqualTo(1);
    }

    @Test
    void anAnswerSlowerThanTheTimeoutFailsAfterEveryAttempt() {
        server.faults().always(Fault.delay(Duration.ofSeconds(30)));
        assertFailsWithin(() -> provider(settings(Map.of())).resolve(), CredentialsException.class,
                "gave no answer after 3 attempt(s)", "no answer within 300 ms", server.credentialsUri().toString());
        assertThat(server.requests(server.path())).isEqualTo(3);
    }

    @Test
    void aBodyTrickledSlowerThanTheTimeoutFails() {
        server.faults().always(Fault.slowDrip(Duration.ofMillis(50)));
        assertFailsWithin(() -> provider(settings(Map.of())).resolve(), CredentialsException.class,
                "did not finish within 300 ms");
    }

    @Test
    void aBodyThatIsNotJsonFailsNamingTheEndpoint() {
        server.faults().always(Fault.malformedBody());
        assertFailsWithin(() -> provider(settings(Map.of())).resolve(), CredentialsException.class,
                "the answer of container endpoint " + server.credentialsUri(), "not valid JSON");
        assertThat(server.requests(server.path())).as("a malformed answer is not retried").isEqualTo(1);
    }

    @Test
    void anOversizedBodyFailsNamingTheLimit() {
        server.faults().always(Fault.oversizedBody(10L * 1024 * 1024));
        assertFailsWithin(() -> provider(settings(Map.of())).resolve(), CredentialsException.class,
                server.credentialsUri().toString(), "over the limit of 65536 bytes");
        assertThat(server.requests(server.path())).isEqualTo(1);
    }

    @Test
    void aConnectionClosedWithoutAnAnswerFails() {
        server.faults().always(Fault.closeConnection());
        assertFailsWithin(() -> provider(settings(Map.of())).resolve(), CredentialsException.class,
                "gave no answer after 3 attempt(s)", "connection failed before a whole answer arrived");
    }

    @Test
    void aConnectionClosedOnceIsRetried() {
        server.faults().next(2, Fault.closeConnection()); // the JDK itself may resend once
        assertThat(resolve(settings(Map.of())).accessKeyId()).isEqualTo(server.credentials().accessKeyId());
    }

    @Test
    void missingFieldsAreNamed() {
        for (String field : List.of("AccessKeyId", "SecretAccessKey", "Token", "Expiration")) {
            Map<String, String> doc = new HashMap<>(Map.of("AccessKeyId", "ASIAEXAMPLEEXAMPLE12", "SecretAccessKey", "s",
                    "Token", "t", "Expiration", "2026-11-22T17:00:00Z"));
            doc.remove(field);
            server.credentialsDocument(json(doc));
            assertFailsWithin(() -> provider(settings(Map.of())).resolve(), CredentialsException.class,
                    "has no \"" + field + "\" field", "container endpoint " + server.credentialsUri());
        }
    }

    @Test
    void brokenJsonIsReportedWithoutQuotingItsText() {
        server.credentialsDocument("{\"AccessKeyId\":\"ASIAEXAMPLEEXAMPLE12\",\"SecretAccessKey\": TOPSECRETVALUE}");
        assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() -> provider(settings(Map.of())).resolve())
                .hasMessageContaining("is not valid JSON at line 1, column")
                .satisfies(e -> assertThat(((CredentialsException) e).describe()).doesNotContain("TOPSECRETVALUE"))
                .satisfies(e -> assertThat(e.getCause()).isNull()));
    }

    @Test
    void aBlankKeyIdIsAnErrorNotACrash() {
        server.credentialsDocument(json(Map.of("AccessKeyId", "   ", "SecretAccessKey", "s",
                "Token", "t", "Expiration", "2026-11-22T17:00:00Z")));
        assertFailsWithin(() -> provider(settings(Map.of())).resolve(), CredentialsException.class,
                "container endpoint " + server.credentialsUri(), "access key id");
    }

    @Test
    void aBadExpirationIsNamed() {
        server.credentialsDocument(json(Map.of("AccessKeyId", "ASIAEXAMPLEEXAMPLE12", "SecretAccessKey", "s",
                "Token", "t", "Expiration", "tomorrow at noon")));
        assertFailsWithin(() -> provider(settings(Map.of())).resolve(), CredentialsException.class,
                "\"Expiration\" in the answer of container endpoint", "not an ISO-8601 time", "tomorrow at noon");
    }

    @Test
    void plainHttpOffThisMachineIsRefusedBeforeConnecting() {
        Settings s = Settings.of(Map.of(), Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://10.1.2.3/creds",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN), tmp);
        // A literal needs no name service; with a 1 ms timeout any connection attempt would show as another error.
        List<String> asked = new CopyOnWriteArrayList<>();
        ContainerCredentialsProvider p = ContainerCredentialsProvider.builder(s).timeout(Duration.ofMillis(1))
                .attempts(1).resolver(host -> {
                    asked.add(host);
                    return new InetAddress[] {InetAddress.getByAddress(new byte[] {10, 1, 2, 3})};
                }).build();
        assertThatThrownBy(p::resolve)
                .isExactlyInstanceOf(CredentialsException.class)
                .hasMessageContaining("http://10.1.2.3/creds is not allowed over http")
                .hasMessageContaining("169.254.170.2");
        assertThat(asked).containsExactly("10.1.2.3");
    }

    @Test
    void nothingConfiguredIsSkippable() {
        assertThatThrownBy(() -> provider(Settings.of(Map.of(), Map.of(), tmp)).resolve())
                .isInstanceOf(CredentialsNotConfiguredException.class);
    }

    @Test
    void errorMessagesNeverCarryTheSecretsOfTheAnswer() {
        server.credentialsDocument("{\"AccessKeyId\":\"ASIAEXAMPLEEXAMPLE12\",\"SecretAccessKey\":\"TOPSECRETVALUE\","
                + "\"Token\":\"TOPSECRETTOKEN\",\"Expiration\":\"soon\"}");
        assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() -> provider(settings(Map.of())).resolve())
                .satisfies(e -> assertThat(((CredentialsException) e).describe())
                        .doesNotContain("TOPSECRETVALUE").doesNotContain("TOPSECRETTOKEN")));
    }

    static String json(Map<String, String> fields) {
        StringBuilder s = new StringBuilder("{");
        fields.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(v).append('"'));
        return s.append('}').toString();
    }
}
