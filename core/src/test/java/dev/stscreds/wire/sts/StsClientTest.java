package dev.stscreds.wire.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.testkit.Fault;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.testkit.sts.StsFaults;
import dev.stscreds.testkit.sts.VirtualMfa;
import dev.stscreds.wire.HttpFetchException;
import dev.stscreds.wire.query.AwsServiceException;
import dev.stscreds.wire.query.QueryClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StsClientTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<Duration> pauses = new ArrayList<>();
    private LocalSts sts;
    private Credentials alice;

    @BeforeEach
    void start() {
        sts = new LocalSts().clock(clock).start();
        sts.createUser("alice");
        AccessKey key = sts.createAccessKey("alice");
        alice = Credentials.builder().accessKeyId(key.accessKeyId()).secretAccessKey(key.secretAccessKey()).source("test").build();
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private StsClient client() {
        return new StsClient(QueryClient.builder("sts", sts.endpoint(), "us-east-1").clock(clock)
                .random(new Random(7)).pause(pauses::add)
                .timeouts(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(1)).build(), clock);
    }

    @Test
    void callerIdentityOfAUser() {
        CallerIdentity id = client().getCallerIdentity(alice);
        assertThat(id.arn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
        assertThat(id.account()).isEqualTo("123456789012");
    }

    @Test
    void assumeRoleWithExternalIdThenUseTheSession() {
        String role = sts.createRole("Vendor", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                  "Condition": {"StringEquals": {"sts:ExternalId": "ext-42"}}}]}""");

        StsSession session = client().assumeRole(alice,
                AssumeRoleRequest.builder(role).roleSessionName("ci").externalId("ext-42").build(), null);

        assertThat(session.assumedRoleArn()).contains("arn:aws:sts::123456789012:assumed-role/Vendor/ci");
        assertThat(session.credentials().accountId()).contains("123456789012");
        assertThat(session.credentials().expiration()).contains(NOW.plus(Duration.ofHours(1)));
        assertThat(client().getCallerIdentity(session.credentials()).arn())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/Vendor/ci");

        assertThatThrownBy(() -> client().assumeRole(alice,
                AssumeRoleRequest.builder(role).roleSessionName("ci").externalId("wrong").build(), null))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("AccessDenied");
                    assertThat(e.requestId()).isPresent();
                    assertThat(e.getMessage()).contains("AssumeRole", sts.endpoint().toString(), e.requestId().get());
                    assertThat(e.hint()).get().asString().contains("trust policy");
                });
    }

    @Test
    void sessionTokenWithMfa() {
        VirtualMfa mfa = sts.createVirtualMfa("alice");
        StsSession session = client().getSessionToken(alice, Duration.ofHours(1), mfa.serialNumber(), mfa.codeAt(NOW));
        assertThat(session.credentials().isTemporary()).isTrue();

        String wrong = mfa.codeAt(NOW).equals("000000") ? "111111" : "000000";
        assertThatThrownBy(() -> client().getSessionToken(alice, null, mfa.serialNumber(), wrong))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.code()).isEqualTo("AccessDenied"));
    }

    @Test
    void aCodeThatIsNotSixDigitsIsRefusedBeforeAnyCall() {
        VirtualMfa mfa = sts.createVirtualMfa("alice");
        assertThatThrownBy(() -> client().getSessionToken(alice, null, mfa.serialNumber(), "12345"))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("6 digits");
        assertThat(sts.calls()).isZero();
    }

    @Test
    void webIdentityIsUnsigned() {
        String role = sts.createRole("Pod", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
                  "Principal": {"Federated": "%s"},
                  "Condition": {"StringEquals": {"oidc.stscreds.test:aud": "sts.amazonaws.com"}}}]}""".formatted(sts.oidcProviderArn()));
        String token = sts.issueWebIdentityToken("system:serviceaccount:ci:runner", LocalSts.DEFAULT_AUDIENCE, Duration.ofMinutes(10));

        StsSession session = client().assumeRoleWithWebIdentity(role, "pod", token, null);

        assertThat(session.assumedRoleArn()).contains("arn:aws:sts::123456789012:assumed-role/Pod/pod");
    }

    @Test
    void federationTokenForAnIamUser() {
        StsSession session = client().getFederationToken(alice, "console", null, Duration.ofHours(1));
        assertThat(session.assumedRoleArn()).contains("arn:aws:sts::123456789012:federated-user/console");
        assertThat(session.credentials().expiration()).contains(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void wrongSecretIsATypedErrorWithTheRequestId() {
        Credentials forged = alice.toBuilder().secretAccessKey("not-the-secret").build();
        assertThatThrownBy(() -> client().getCallerIdentity(forged))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.requestId()).isPresent();
                    assertThat(e.getMessage()).doesNotContain("not-the-secret").doesNotContain(alice.secretAccessKey());
                });
    }

    @Test
    void throttlingIsRetriedWithJitteredBackoffThenSucceeds() {
        sts.faults().next(2, StsFaults.throttling());
        assertThat(client().getCallerIdentity(alice).account()).isEqualTo("123456789012");
        assertThat(sts.calls("GetCallerIdentity")).isEqualTo(3);
        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(pauses.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void retriesStopAfterThreeAttempts() {
        sts.faults().always(StsFaults.idpCommunicationError());
        assertThatThrownBy(() -> client().getCallerIdentity(alice))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.code()).isEqualTo("IDPCommunicationError"));
        assertThat(sts.calls("GetCallerIdentity")).isEqualTo(3);
    }

    @Test
    void anAuthErrorIsNotRetried() {
        Credentials forged = alice.toBuilder().secretAccessKey("x").build();
        assertThatThrownBy(() -> client().getCallerIdentity(forged)).isInstanceOf(AwsServiceException.class);
        assertThat(sts.calls()).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void anHtmlServerErrorIsTyped() {
        sts.faults().always(StsFaults.serverErrorHtml());
        assertThatThrownBy(() -> client().getCallerIdentity(alice))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("HTTP 500", "not an error document");
                });
        assertThat(sts.calls("GetCallerIdentity")).as("a 5xx is retried").isEqualTo(3);
    }

    @Test
    void truncatedXmlIsTyped() {
        sts.faults().always(StsFaults.truncatedXml());
        assertThatThrownBy(() -> client().getCallerIdentity(alice)).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("GetCallerIdentity");
    }

    @Test
    void aHugeAnswerIsCut() {
        sts.faults().always(Fault.oversizedBody(5_000_000));
        assertThatThrownBy(() -> client().getCallerIdentity(alice)).isInstanceOf(HttpFetchException.class)
                .hasMessageContaining("bytes");
    }

    @Test
    void aSlowAnswerEndsAtTheTimeout() {
        sts.faults().always(Fault.delay(Duration.ofSeconds(30)));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> client().getCallerIdentity(alice)).isInstanceOf(HttpFetchException.class));
    }

    @Test
    void theErrorsWrapperIsReadToo() {
        sts.faults().always(Fault.answer(400, "text/xml", "<Response><Errors><Error><Code>RegionDisabledException</Code>"
                + "<Message>STS is not activated in this region</Message></Error></Errors><RequestID>r-9</RequestID></Response>"));
        assertThatThrownBy(() -> client().getCallerIdentity(alice))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("RegionDisabledException");
                    assertThat(e.requestId()).contains("r-9");
                    assertThat(e.hint()).get().asString().contains("region");
                });
    }

    @Test
    void aNonXmlSuccessIsTyped() {
        sts.faults().always(Fault.malformedBody());
        assertThatThrownBy(() -> client().getCallerIdentity(alice))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.code()).isIn("MalformedAnswer", "InternalFailure"));
    }
}
