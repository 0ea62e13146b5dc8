package dev.stscreds.source;

import dev.stscreds.testkit.MutableClock;
import static dev.stscreds.source.InstanceMetadataCredentialsProvider.ROLES_PATH;
import static dev.stscreds.source.InstanceMetadataCredentialsProvider.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.config.Settings;
import dev.stscreds.testkit.FakeCredentials;
import dev.stscreds.testkit.Fault;
import dev.stscreds.testkit.InstanceMetadataServer;
import dev.stscreds.testkit.LocalEndpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstanceMetadataCredentialsProviderTest {
    private static final Duration GUARD = Duration.ofSeconds(10);
    // Long enough for a loaded two-core machine, short enough for the tests that wait it out.
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(1500);
    private static final Instant START = Instant.parse("2026-11-22T11:00:00Z");

    @RegisterExtension
    static LocalEndpoints endpoints = LocalEndpoints.create();

    private InstanceMetadataServer server;
    private final MutableClock clock = new MutableClock(START);
    private String rolePath;

    @BeforeEach
    void setUp() {
        server = endpoints.instanceMetadata().clock(clock);
        server.credentials(FakeCredentials.generate(new Random(42), START.plus(Duration.ofHours(6))));
        rolePath = ROLES_PATH + server.roleName();
    }

    /** Settings pointing at the test server with AWS_EC2_METADATA_SERVICE_ENDPOINT, plus these variables. */
    private Settings settings(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.endpoint().toString());
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return Settings.of(Map.of(), env, Path.of("/nonexistent-home"));
    }

    /** The waits between attempts, by the number of the attempt they come before (no test sleeps). */
    private final List<Integer> pauses = new ArrayList<>();

    private InstanceMetadataCredentialsProvider provider(Settings s) {
        return InstanceMetadataCredentialsProvider.builder(s).clock(clock).timeout(SHORT_TIMEOUT).pause(pauses::add).build();
    }

    /** A config file holding one {@code [default]} profile with these lines, read as the resolver reads it. */
    private static dev.stscreds.config.Profile profile(String... lines) {
        return dev.stscreds.config.ProfileFile.parse("[default]\n" + String.join("\n", lines) + "\n",
                Path.of("/home/u/.aws/config"), dev.stscreds.config.ProfileFileKind.CONFIG).profiles().get("default");
    }

    /** A provider that takes the test server for the built-in default address (as if on EC2). */
    private InstanceMetadataCredentialsProvider providerAtDefault(URI endpoint) {
        return InstanceMetadataCredentialsProvider.builder(Settings.of(Map.of(), Map.of(), Path.of("/nonexistent-home")))
                .clock(clock).timeout(SHORT_TIMEOUT).defaultEndpoint(endpoint).build();
    }

    private static Credentials resolve(InstanceMetadataCredentialsProvider p) {
        return assertTimeoutPreemptively(GUARD, p::resolve);
    }

    private static void assertFails(ThrowingCallable call, Class<? extends Throwable> type, String... fragments) {
        assertTimeoutPreemptively(GUARD, () -> {
            var failure = assertThatThrownBy(call).isExactlyInstanceOf(type);
            for (String f : fragments) failure.hasMessageContaining(f);
        });
    }

    @Test
    void imdsV2FlowGivesTheRoleCredentials() {
        server.requireV2(true);

        Credentials c = resolve(provider(settings()));

        FakeCredentials served = server.credentials();
        assertThat(c.accessKeyId()).isEqualTo(served.accessKeyId()).startsWith("ASIA");
        assertThat(c.secretAccessKey()).isEqualTo(served.secretAccessKey());
        assertThat(c.sessionToken()).contains(served.sessionToken());
        assertThat(c.expiration()).contains(served.expiration());
        assertThat(c.source()).isEqualTo("instance metadata " + server.endpoint() + " (role " + server.roleName() + ")");
        assertThat(server.tokensIssued()).isEqualTo(1);
        assertThat(server.requests(ROLES_PATH)).isEqualTo(1);
        assertThat(server.requests(rolePath)).isEqualTo(1);
    }

    @Test
    void theFirstListedRoleIsUsed() {
        server.roleName("app-role");
        assertThat(resolve(provider(settings())).source()).endsWith("(role app-role)");
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404, 405})
    void aRefusedTokenRequestFallsBackToImdsV1(int status) {
        server.faults().always(Fault.status(status).onlyFor("PUT", TOKEN_PATH));

        Credentials c = resolve(provider(settings()));

        assertThat(c.accessKeyId()).isEqualTo(server.credentials().accessKeyId());
        assertThat(server.requests(TOKEN_PATH)).isEqualTo(1);
        assertThat(server.tokensIssued()).isZero();
        assertThat(server.requests(rolePath)).isEqualTo(1);
    }

    @Test
    void aTokenRequestThatTimesOutFallsBackToImdsV1() {
        server.faults().always(Fault.delay(Duration.ofSeconds(30)).onlyFor("PUT", TOKEN_PATH));
        assertThat(resolve(provider(settings())).accessKeyId()).isEqualTo(server.credentials().accessKeyId());
        assertThat(server.requests(rolePath)).isEqualTo(1);
    }

    @Test
    void aTokenRequestCutOffFallsBackToImdsV1() {
        server.faults().always(Fault.closeConnection().onlyFor("PUT", TOKEN_PATH));
        assertThat(resolve(provider(settings())).accessKeyId()).isEqualTo(server.credentials().accessKeyId());
        assertThat(server.tokensIssued()).isZero();
    }

    @Test
    void withImdsV1DisabledAFailedTokenRequestIsAnError() {
        server.faults().always(Fault.status(403).onlyFor("PUT", TOKEN_PATH));
        assertFails(() -> provider(settings("AWS_EC2_METADATA_V1_DISABLED", "true")).resolve(), CredentialsException.class,
                "IMDSv1 is disabled", "AWS_EC2_METADATA_V1_DISABLED", "answered 403");
        assertThat(server.requests(ROLES_PATH)).isZero();
    }

    @Test
    void aTokenRequestAnswered400IsAnError() {
        server.faults().always(Fault.status(400).onlyFor("PUT", TOKEN_PATH));
        assertFails(() -> provider(settings()).resolve(), CredentialsException.class,
                server.endpoint() + TOKEN_PATH, "malformed (400)");
        assertThat(server.requests(ROLES_PATH)).isZero();
    }

    @Test
    void theTokenIsReusedUntilShortlyBeforeItExpires() {
        InstanceMetadataCredentialsProvider p = provider(settings());
        resolve(p);
        resolve(p);
        assertThat(server.requests(TOKEN_PATH)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(21600 - 61));
        resolve(p);
        assertThat(server.requests(TOKEN_PATH)).as("still more than a minute left").isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        resolve(p);
        assertThat(server.requests(TOKEN_PATH)).as("within the last minute: a new token").isEqualTo(2);
        assertThat(server.requests(rolePath)).isEqualTo(4);
    }

    @Test
    void aRejectedTokenIsReplacedOnce() {
        server.requireV2(true);
        InstanceMetadataCredentialsProvider p = provider(settings());
        resolve(p);
        server.revokeTokens();

        assertThat(resolve(p).accessKeyId()).isEqualTo(server.credentials().accessKeyId());
        assertThat(server.tokensIssued()).isEqualTo(2);
    }

    @Test
    void manyThreadsShareOneToken() throws Exception {
        InstanceMetadataCredentialsProvider p = provider(settings());
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Credentials>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return p.resolve();
                }));
            }
            go.countDown();
            for (Future<Credentials> f : results) {
                assertThat(f.get(10, java.util.concurrent.TimeUnit.SECONDS).accessKeyId())
                        .isEqualTo(server.credentials().accessKeyId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.requests(TOKEN_PATH)).isEqualTo(1);
        assertThat(server.requests(rolePath)).isEqualTo(threads);
    }

    @Test
    void offEc2TheSourceIsSkippedWithoutTryingImdsV1() throws IOException {
        URI nothingListens = URI.create("http://127.0.0.1:" + freePort());
        assertFails(() -> providerAtDefault(nothingListens).resolve(), CredentialsNotConfiguredException.class,
                "no instance metadata service at " + nothingListens, "could not connect");
    }

    @Test
    void anExplicitEndpointThatDoesNotAnswerIsAFailure() throws IOException {
        URI nothingListens = URI.create("http://127.0.0.1:" + freePort());
        Settings s = Settings.of(Map.of(), Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", nothingListens.toString()),
                Path.of("/nonexistent-home"));
        assertFails(() -> provider(s).resolve(), CredentialsException.class,
                "instance metadata endpoint " + nothingListens, "AWS_EC2_METADATA_SERVICE_ENDPOINT", "does not answer");
    }

    @Test
    void tokenAndImdsV1BothTimingOutMeansNoService() {
        server.faults().always(Fault.delay(Duration.ofSeconds(30)));
        assertFails(() -> providerAtDefault(server.endpoint()).resolve(), CredentialsNotConfiguredException.class,
                "no instance metadata service at " + server.endpoint(), "IMDSv2 token request", "no answer within 1500 ms");
        assertThat(server.requests(TOKEN_PATH)).isEqualTo(1);
        assertThat(server.requests(ROLES_PATH)).isEqualTo(1);

        assertFails(() -> provider(settings()).resolve(), CredentialsException.class,
                "AWS_EC2_METADATA_SERVICE_ENDPOINT", "does not answer");
    }

    @Test
    void disabledMeansNotConfiguredAndNoRequest() {
        assertFails(() -> provider(settings("AWS_EC2_METADATA_DISABLED", "TRUE")).resolve(),
                CredentialsNotConfiguredException.class, "AWS_EC2_METADATA_DISABLED");
        assertThat(server.requests()).isZero();
    }

    @Test
    void noRoleAttachedMeansNotConfigured() {
        server.roleName(null);
        assertFails(() -> provider(settings()).resolve(), CredentialsNotConfiguredException.class, "no IAM role attached");
    }

    @Test
    void aCodeOtherThanSuccessIsAnErrorWithCodeAndMessage() {
        server.credentialsDocument("{\"Code\":\"AssumeRoleUnauthorizedAccess\",\"Message\":\"EC2 cannot assume the role\","
                + "\"LastUpdated\":\"2026-11-22T11:00:00Z\"}");
        assertFails(() -> provider(settings()).resolve(), CredentialsException.class,
                "Code \"AssumeRoleUnauthorizedAccess\"", "EC2 cannot assume the role", "role " + server.roleName());
    }

    @Test
    void missingFieldsAreNamed() {
        for (String field : List.of("AccessKeyId", "SecretAccessKey", "Token", "Expiration")) {
            Map<String, String> doc = new HashMap<>(Map.of("Code", "Success", "AccessKeyId", "ASIAEXAMPLEEXAMPLE12",
                    "SecretAccessKey", "s", "Token", "t", "Expiration", "2026-11-22T17:00:00Z"));
            doc.remove(field);
            server.credentialsDocument(ContainerCredentialsProviderTest.json(doc));
            assertFails(() -> provider(settings()).resolve(), CredentialsException.class,
                    "has no \"" + field + "\" field", "instance metadata " + server.endpoint());
        }
    }

    @Test
    void aBadExpirationIsNamed() {
        server.credentialsDocument("{\"Code\":\"Success\",\"AccessKeyId\":\"ASIAEXAMPLEEXAMPLE12\",\"SecretAccessKey\":\"s\","
                + "\"Token\":\"t\",\"Expiration\":\"2026-13-45\"}");
        assertFails(() -> provider(settings()).resolve(), CredentialsException.class,
                "\"Expiration\"", "not an ISO-8601 time");
    }

    @Test
    void aBodyThatIsNotJsonFails() {
        server.faults().always(Fault.malformedBody().onlyFor("GET", rolePath));
        assertFails(() -> provider(settings()).resolve(), CredentialsException.class, "not valid JSON");
    }

    @Test
    void anOversizedBodyFails() {
        server.faults().always(Fault.oversizedBody(10L * 1024 * 1024).onlyFor("GET", rolePath));
        assertFails(() -> provider(settings()).resolve(), CredentialsException.class,
                server.endpoint() + rolePath, "over the limit of 65536 bytes");
    }

    @Test
    void aSlowAnswerFailsAfterTheTimeout() {
        server.faults().always(Fault.delay(Duration.ofSeconds(30)).onlyFor("GET", rolePath));
        assertFails(() -> provider(settings()).resolve(), CredentialsException.class,
                "instance metadata " + server.endpoint() + " failed", "no answer within 1500 ms");
    }

    @Test
    void aSlowDripFailsAtTheDeadline() {
        server.faults().always(Fault.slowDrip(Duration.ofMillis(50)).onlyFor("GET", rolePath));
        assertFails(() -> provider(settings()).resolve(), CredentialsException.class, "did not finish within 1500 ms");
    }

    @Test
    void aClosedConnectionFails() {
        server.faults().always(Fault.closeConnection().onlyFor("GET", rolePath));
        assertFails(() -> provider(settings()).resolve(), CredentialsException.class,
                "connection failed before a whole answer arrived");
    }

    @Test
    void oneAttemptAfterATimeoutByDefaultMoreWhenConfigured() {
        server.faults().next(1, Fault.delay(Duration.ofSeconds(30)).onlyFor("GET", rolePath));
        assertFails(() -> provider(settings()).resolve(), CredentialsException.class, "no answer within");

        server.faults().next(1, Fault.delay(Duration.ofSeconds(30)).onlyFor("GET", rolePath));
        InstanceMetadataCredentialsProvider twoAttempts = InstanceMetadataCredentialsProvider
                .builder(settings("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2")).clock(clock).timeout(SHORT_TIMEOUT)
                .pause(pauses::add).build();
        assertThat(resolve(twoAttempts).accessKeyId()).isEqualTo(server.credentials().accessKeyId());
        assertThat(server.requests(rolePath)).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {503, 429, 500})
    void aThrottledOrFailingAnswerIsRetriedWithBackoffEvenWithOneAttempt(int status) {
        server.faults().next(2, Fault.status(status).onlyFor("GET", rolePath));

        Credentials c = resolve(provider(settings()));

        assertThat(c.accessKeyId()).isEqualTo(server.credentials().accessKeyId());
        assertThat(server.requests(rolePath)).isEqualTo(3);
        assertThat(pauses).containsExactly(2, 3);
    }

    @Test
    void aThrottledTokenRequestIsRetriedAndTheTokenUsed() {
        server.requireV2(true);
        server.faults().next(2, Fault.status(429).onlyFor("PUT", TOKEN_PATH));

        Credentials c = resolve(provider(settings()));

        assertThat(c.accessKeyId()).isEqualTo(server.credentials().accessKeyId());
        assertThat(server.requests(TOKEN_PATH)).isEqualTo(3);
        assertThat(server.tokensIssued()).isEqualTo(1);
    }

    @Test
    void aTokenRequestThatKeepsFailingWith5xxIsAnErrorNotImdsV1() {
        server.faults().always(Fault.status(503).onlyFor("PUT", TOKEN_PATH));

        assertFails(() -> provider(settings()).resolve(), CredentialsException.class,
                "answered 503 to the IMDSv2 token request 3 times");
        assertThat(server.requests(TOKEN_PATH)).isEqualTo(3);
        assertThat(server.requests(rolePath)).isZero();
        assertThat(server.requests(ROLES_PATH)).isZero();
    }

    @Test
    void moreAttemptsThanThreeAreHonouredForThrottling() {
        server.faults().next(4, Fault.status(503).onlyFor("GET", rolePath));
        InstanceMetadataCredentialsProvider five = InstanceMetadataCredentialsProvider
                .builder(settings("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "5")).clock(clock).timeout(SHORT_TIMEOUT)
                .pause(pauses::add).build();

        assertThat(resolve(five).accessKeyId()).isEqualTo(server.credentials().accessKeyId());
        assertThat(server.requests(rolePath)).isEqualTo(5);
    }

    @Test
    void theProfileGivesTheSettingsTheEnvironmentDoesNot() {
        Settings noEnv = Settings.of(Map.of(), Map.of(), Path.of("/nonexistent-home"));
        server.faults().next(4, Fault.status(503).onlyFor("GET", rolePath));
        InstanceMetadataCredentialsProvider fromProfile = InstanceMetadataCredentialsProvider.builder(noEnv).clock(clock)
                .pause(pauses::add)
                .profile(profile("EC2_Metadata_Service_Endpoint = " + server.endpoint(),
                        "metadata_service_num_attempts = 5", "metadata_service_timeout = 2"))
                .build();

        assertThat(resolve(fromProfile).accessKeyId()).isEqualTo(server.credentials().accessKeyId());
        assertThat(server.requests(rolePath)).isEqualTo(5);
        assertThat(fromProfile.imdsSettings().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(fromProfile.imdsSettings().describe())
                .contains("metadata_service_num_attempts=5 (profile default)", "5 attempts", "2 s per request");

        // The environment wins over the profile, as in botocore.
        Settings env = settings("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2");
        assertThat(InstanceMetadataCredentialsProvider.builder(env).profile(profile("metadata_service_num_attempts = 5"))
                .build().imdsSettings().attempts()).isEqualTo(2);
    }

    @Test
    void theProfileCanDisableImdsV1AndChooseIpv6() {
        Settings noEnv = Settings.of(Map.of(), Map.of(), Path.of("/nonexistent-home"));
        server.faults().always(Fault.status(403).onlyFor("PUT", TOKEN_PATH));
        InstanceMetadataCredentialsProvider v2Only = InstanceMetadataCredentialsProvider.builder(noEnv).clock(clock)
                .timeout(SHORT_TIMEOUT).pause(pauses::add)
                .profile(profile("ec2_metadata_service_endpoint = " + server.endpoint(), "ec2_metadata_v1_disabled = true"))
                .build();
        assertFails(v2Only::resolve, CredentialsException.class, "IMDSv1 is disabled");
        assertThat(server.requests(ROLES_PATH)).isZero();

        assertThat(InstanceMetadataCredentialsProvider.builder(noEnv)
                .profile(profile("ec2_metadata_service_endpoint_mode = IPv6")).build().endpoint())
                .isEqualTo(URI.create("http://[fd00:ec2::254]"));
        assertThatThrownBy(() -> InstanceMetadataCredentialsProvider.builder(noEnv)
                .profile(profile("ec2_metadata_service_endpoint_mode = IPv5")).build().endpoint())
                .hasMessageContaining("ec2_metadata_service_endpoint_mode in profile default (/home/u/.aws/config:2)");
    }

    @Test
    void timeoutComesFromTheSetting() {
        server.faults().always(Fault.delay(Duration.ofSeconds(30)).onlyFor("GET", rolePath));
        InstanceMetadataCredentialsProvider p = InstanceMetadataCredentialsProvider
                .builder(settings("AWS_METADATA_SERVICE_TIMEOUT", "0.25")).clock(clock).build();
        assertFails(p::resolve, CredentialsException.class, "no answer within 250 ms");
    }

    @Test
    void badSettingsAreNamed() {
        assertFails(() -> InstanceMetadataCredentialsProvider.builder(settings("AWS_METADATA_SERVICE_TIMEOUT", "soon"))
                .build().resolve(), CredentialsException.class, "AWS_METADATA_SERVICE_TIMEOUT", "soon");
        assertFails(() -> InstanceMetadataCredentialsProvider.builder(settings("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "0"))
                .build().resolve(), CredentialsException.class, "AWS_METADATA_SERVICE_NUM_ATTEMPTS");
        assertFails(() -> InstanceMetadataCredentialsProvider.builder(settings("AWS_EC2_METADATA_SERVICE_ENDPOINT", "169.254.169.254"))
                .build().resolve(), CredentialsException.class, "AWS_EC2_METADATA_SERVICE_ENDPOINT", "not an http URL");
        assertThat(server.requests()).isZero();
    }

    @Test
    void endpointComesFromTheOverrideElseTheMode() {
        Path home = Path.of("/nonexistent-home");
        assertThat(new InstanceMetadataCredentialsProvider(Settings.of(Map.of(), Map.of(), home)).endpoint())
                .isEqualTo(URI.create("http://169.254.169.254"));
        assertThat(new InstanceMetadataCredentialsProvider(Settings.of(Map.of(),
                Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ipv6"), home)).endpoint())
                .isEqualTo(URI.create("http://[fd00:ec2::254]"));
        assertThat(new InstanceMetadataCredentialsProvider(Settings.of(Map.of(),
                Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv4"), home)).endpoint())
                .isEqualTo(URI.create("http://169.254.169.254"));
        assertThat(new InstanceMetadataCredentialsProvider(Settings.of(Map.of(), Map.of(
                "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6",
                "AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1234"), home)).endpoint())
                .isEqualTo(URI.create("http://127.0.0.1:1234"));
        assertThatThrownBy(() -> new InstanceMetadataCredentialsProvider(Settings.of(Map.of(),
                Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5"), home)).endpoint())
                .hasMessageContaining("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE")
                .hasMessageContaining("IPv5");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
