package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.Json;
import dev.stscreds.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.testkit.sts.QueryClient.Creds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI (botocore) as the client: its signatures must verify, and it must read the
 * answers. The CLI signs with the real time, so the server runs on a clock that starts at the
 * real time (and is only ever moved forward past a session's expiry). Skipped without the CLI.
 */
@Timeout(180)
class AwsCliInteropTest {
    private static final String ACCOUNT = LocalSts.DEFAULT_ACCOUNT;

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Clock.systemUTC().instant());
    private final LocalSts sts = new LocalSts().clock(clock);
    private AwsCli aws;
    private Creds alice;
    private VirtualMfa aliceMfa;

    @BeforeEach
    void setUp() {
        aws = AwsCli.find(home).orElse(null);
        assumeTrue(aws != null, "the AWS CLI is neither on PATH nor found by `pyenv which aws`: interop not checked");
        sts.start();
        sts.createUser("alice");
        alice = Creds.of(sts.createAccessKey("alice"));
        aliceMfa = sts.createVirtualMfa("alice");
    }

    @AfterEach
    void tearDown() {
        sts.close();
    }

    private AwsCli.Result run(Creds creds, String... args) {
        return aws.run(AwsCli.credentials(creds), sts.endpoint(), args);
    }

    private static Map<?, ?> json(AwsCli.Result r) {
        assertThat(r.exitCode()).as("aws failed: %s", r.stderr()).isZero();
        return (Map<?, ?>) Json.parse(r.stdout());
    }

    /** For commands whose answer has no result (the CLI prints nothing). */
    private static void succeeded(AwsCli.Result r) {
        assertThat(r.exitCode()).as("aws failed: %s", r.stderr()).isZero();
        assertThat(r.stdout()).isBlank();
    }

    private static Creds credentialsOf(Map<?, ?> answer) {
        Map<?, ?> c = (Map<?, ?>) answer.get("Credentials");
        return new Creds((String) c.get("AccessKeyId"), (String) c.get("SecretAccessKey"), (String) c.get("SessionToken"));
    }

    @Test
    void getCallerIdentityWithUserKeys() {
        Map<?, ?> id = json(run(alice, "sts", "get-caller-identity"));

        assertThat(id.get("Arn")).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/alice");
        assertThat(id.get("Account")).isEqualTo(ACCOUNT);
        assertThat((String) id.get("UserId")).startsWith("AIDA").hasSize(21);
        assertThat(sts.calls("GetCallerIdentity")).isEqualTo(1);
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatchAndAnUnknownKeyInvalidClientTokenId() {
        AwsCli.Result wrongSecret = run(new Creds(alice.accessKeyId(), "x".repeat(40), null), "sts", "get-caller-identity");
        AwsCli.Result unknownKey = run(new Creds("AKIAIOSFODNN7EXAMPLE", alice.secret(), null), "sts", "get-caller-identity");

        assertThat(wrongSecret.exitCode()).isNotZero();
        assertThat(wrongSecret.stderr()).contains("(SignatureDoesNotMatch)").contains("does not match the signature you provided");
        assertThat(unknownKey.stderr()).contains("(InvalidClientTokenId)").contains("The security token included in the request is invalid");
    }

    @Test
    void getSessionTokenWithMfaThenTheSessionCallsStsAndIam() {
        String code = Totp.code(aliceMfa.base32Seed(), clock.instant());
        Map<?, ?> answer = json(run(alice, "sts", "get-session-token", "--duration-seconds", "3600",
                "--serial-number", aliceMfa.serialNumber(), "--token-code", code));
        Creds session = credentialsOf(answer);

        assertThat(session.accessKeyId()).startsWith("ASIA");
        assertThat((String) ((Map<?, ?>) answer.get("Credentials")).get("Expiration"))
                .startsWith(clock.instant().plusSeconds(3600).toString().substring(0, 16));
        assertThat(json(run(session, "sts", "get-caller-identity")).get("Arn")).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/alice");
        Map<?, ?> user = (Map<?, ?>) json(run(session, "iam", "get-user")).get("User");
        assertThat(user.get("UserName")).isEqualTo("alice");
        List<?> devices = (List<?>) json(run(session, "iam", "list-mfa-devices")).get("MFADevices");
        assertThat(devices).hasSize(1);
        assertThat(((Map<?, ?>) devices.get(0)).get("SerialNumber")).isEqualTo(aliceMfa.serialNumber());
    }

    @Test
    void getSessionTokenWithAWrongCodeIsAccessDenied() {
        String right = Totp.code(aliceMfa.base32Seed(), clock.instant());
        String wrong = String.format("%06d", (Integer.parseInt(right) + 500_000) % 1_000_000);

        AwsCli.Result r = run(alice, "sts", "get-session-token", "--serial-number", aliceMfa.serialNumber(), "--token-code", wrong);

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("(AccessDenied)").contains("MultiFactorAuthentication failed with invalid MFA one time pass code");
    }

    @Test
    void assumeRoleWithExternalIdAndRoleSessionUse() {
        String role = sts.createRole("Deploy", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                  "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                  "Condition": {"StringEquals": {"sts:ExternalId": "ext-42"}}}]}""");

        AwsCli.Result withoutId = run(alice, "sts", "assume-role", "--role-arn", role, "--role-session-name", "ci");
        Map<?, ?> answer = json(run(alice, "sts", "assume-role", "--role-arn", role, "--role-session-name", "ci",
                "--external-id", "ext-42"));
        Creds session = credentialsOf(answer);

        assertThat(withoutId.stderr()).contains("(AccessDenied)")
                .contains("User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole on resource: " + role);
        assertThat(((Map<?, ?>) answer.get("AssumedRoleUser")).get("Arn")).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/Deploy/ci");
        Map<?, ?> id = json(run(session, "sts", "get-caller-identity"));
        assertThat(id.get("Arn")).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/Deploy/ci");
        assertThat((String) id.get("UserId")).matches("AROA[A-Z2-7]{17}:ci");
        assertThat(sts.calls("AssumeRole")).isEqualTo(2);
    }

    @Test
    void anExpiredSessionIsExpiredToken() {
        Creds session = credentialsOf(json(run(alice, "sts", "get-session-token", "--duration-seconds", "900")));
        clock.advance(Duration.ofMinutes(16));

        AwsCli.Result r = run(session, "sts", "get-caller-identity");

        assertThat(r.stderr()).contains("(ExpiredToken)").contains("The security token included in the request is expired");
    }

    @Test
    void assumeRoleWithWebIdentityIsSentUnsigned() {
        String role = sts.createRole("Pod", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
                  "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.stscreds.test"},
                  "Condition": {"StringEquals": {"oidc.stscreds.test:aud": "sts.amazonaws.com"}}}]}""");
        String token = sts.issueWebIdentityToken("system:serviceaccount:ci:runner", LocalSts.DEFAULT_AUDIENCE, Duration.ofMinutes(10));

        Map<?, ?> answer = json(aws.run(Map.of(), sts.endpoint(), "sts", "assume-role-with-web-identity",
                "--role-arn", role, "--role-session-name", "pod", "--web-identity-token", token));

        assertThat(answer.get("SubjectFromWebIdentityToken")).isEqualTo("system:serviceaccount:ci:runner");
        assertThat(credentialsOf(answer).accessKeyId()).startsWith("ASIA");
    }

    @Test
    void iamAccessKeysThroughTheCli() {
        Map<?, ?> created = (Map<?, ?>) json(run(alice, "iam", "create-access-key")).get("AccessKey");
        String second = (String) created.get("AccessKeyId");
        AwsCli.Result third = run(alice, "iam", "create-access-key");
        succeeded(run(alice, "iam", "update-access-key", "--access-key-id", second, "--status", "Inactive"));
        List<?> keys = (List<?>) json(run(alice, "iam", "list-access-keys")).get("AccessKeyMetadata");

        assertThat(second).startsWith("AKIA").hasSize(20);
        assertThat((String) created.get("SecretAccessKey")).hasSize(40);
        assertThat(third.stderr()).contains("(LimitExceeded)").contains("Cannot exceed quota for AccessKeysPerUser: 2");
        assertThat(keys).extracting(k -> ((Map<?, ?>) k).get("AccessKeyId") + "=" + ((Map<?, ?>) k).get("Status"))
                .containsExactlyInAnyOrder(alice.accessKeyId() + "=Active", second + "=Inactive");
        AwsCli.Result withInactive = run(new Creds(second, (String) created.get("SecretAccessKey"), null), "sts", "get-caller-identity");
        assertThat(withInactive.stderr()).contains("(InvalidClientTokenId)");
        succeeded(run(alice, "iam", "delete-access-key", "--access-key-id", second));
        assertThat((List<?>) json(run(alice, "iam", "list-access-keys")).get("AccessKeyMetadata")).hasSize(1);
    }

    @Test
    void getFederationTokenThroughTheCli() {
        Map<?, ?> answer = json(run(alice, "sts", "get-federation-token", "--name", "console-bob"));

        assertThat(((Map<?, ?>) answer.get("FederatedUser")).get("Arn")).isEqualTo("arn:aws:sts::" + ACCOUNT + ":federated-user/console-bob");
        assertThat(json(run(credentialsOf(answer), "sts", "get-caller-identity")).get("UserId")).isEqualTo(ACCOUNT + ":console-bob");
    }
}
