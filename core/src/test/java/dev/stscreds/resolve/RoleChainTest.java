package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.testing.ProfileFixture;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.testkit.sts.VirtualMfa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles that assume roles, resolved for real against the testkit's STS. */
class RoleChainTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String TRUST_ACCOUNT_WITH_MFA = """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
              "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}""";
    private static final String TRUST_ACCOUNT = """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}""";

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private LocalSts sts;
    private VirtualMfa mfa;
    private ProfileFixture fixture;

    @BeforeEach
    void world() {
        sts = new LocalSts().clock(clock).start();
        sts.createUser("jon");
        AccessKey key = sts.createAccessKey("jon");
        mfa = sts.createVirtualMfa("jon");
        String admin = sts.createRole("Admin", TRUST_ACCOUNT_WITH_MFA);
        String deploy = sts.createRole("Deploy", TRUST_ACCOUNT);
        fixture = new ProfileFixture(dir)
                .env("AWS_ENDPOINT_URL_STS", sts.endpoint().toString())
                .credentials("[base]\naws_access_key_id = " + key.accessKeyId()
                        + "\naws_secret_access_key = " + key.secretAccessKey() + "\n")
                .config("""
                        [profile admin]
                        role_arn = %s
                        source_profile = base
                        mfa_serial = %s
                        role_session_name = jon-admin

                        [profile deploy]
                        role_arn = %s
                        source_profile = admin
                        role_session_name = jon-deploy
                        duration_seconds = 900
                        """.formatted(admin, mfa.serialNumber(), deploy));
    }

    private static boolean hasTerminal() {
        try (var ignored = Files.newInputStream(Path.of("/dev/tty"))) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    @Test
    void aChainOfThreeProfilesWithMfaResolves() {
        Explanation e = new Explainer(fixture.settings(), clock, ResolveOptions.NONE.withMfaToken(mfa.codeAt(NOW)))
                .explainProfile("deploy", true);

        assertThat(e.failure()).isEmpty();
        assertThat(e.profileChain()).extracting(Explanation.ChainStep::profile).containsExactly("deploy", "admin", "base");
        assertThat(e.credentials()).get().satisfies(c -> {
            assertThat(c.temporary()).isTrue();
            assertThat(c.accountId()).contains("123456789012");
            assertThat(c.expiration()).contains(NOW.plus(Duration.ofMinutes(15)));
            assertThat(c.source()).contains("profile deploy", "role/Deploy");
        });
        assertThat(sts.calls("AssumeRole")).isEqualTo(2);
    }

    @Test
    void theRoleSessionIsRealAtSts() {
        Credentials deploy = new ProfileCredentialsProvider(fixture.settings(), "deploy", clock,
                ResolveOptions.NONE.withMfaToken(mfa.codeAt(NOW))).resolve();
        var identity = dev.stscreds.wire.sts.StsClient.create(sts.endpoint(), "us-east-1", clock).getCallerIdentity(deploy);
        assertThat(identity.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Deploy/jon-deploy");
    }

    @Test
    void aRoleByArnIsAssumedWithTheProfilesCredentialsAndKeptUntilItNeedsRefreshing() {
        String deploy = "arn:aws:iam::123456789012:role/Deploy";
        CredentialsProvider byArn = RolesByArn.assumedWith(fixture.settings(), "base", deploy, clock, ResolveOptions.NONE);

        Credentials first = byArn.resolve();
        Credentials again = byArn.resolve();

        assertThat(again).isEqualTo(first);
        assertThat(sts.calls("AssumeRole")).isEqualTo(1);
        var identity = dev.stscreds.wire.sts.StsClient.create(sts.endpoint(), "us-east-1", clock).getCallerIdentity(first);
        assertThat(identity.arn()).startsWith("arn:aws:sts::123456789012:assumed-role/Deploy/stscreds-base-");
    }

    @Test
    void theCodeIsAskedOnlyWhenANewSessionIsNeeded() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        ResolveOptions options = ResolveOptions.NONE.withMfaCodeSource((serial, profile) -> {
            asked.incrementAndGet();
            assertThat(serial).isEqualTo(mfa.serialNumber());
            assertThat(profile).isEqualTo("admin");
            return mfa.codeAt(NOW);
        });

        // Three processes in a row: the first assumes the role, the others find it in the shared cache.
        for (int process = 0; process < 3; process++) {
            new ProfileCredentialsProvider(fixture.settings(), "admin", clock, options).resolve();
        }

        assertThat(asked).hasValue(1);
        assertThat(sts.calls("AssumeRole")).isEqualTo(1);
    }

    @Test
    void aCodeOfTheWrongShapeIsRefusedBeforeAnyCall() {
        ResolveOptions options = ResolveOptions.NONE.withMfaCodeSource((serial, profile) -> "12 34");
        assertThatThrownBy(() -> new ProfileCredentialsProvider(fixture.settings(), "admin", clock, options).resolve())
                .isInstanceOf(CredentialsException.class).hasMessageContaining("not 6 digits");
        assertThat(sts.calls("AssumeRole")).isZero();
    }

    @Test
    void credentialSourceEnvironmentUsesTheEnvironmentsKeys() throws Exception {
        AccessKey key = sts.createAccessKey("jon");
        String deploy = sts.createRole("FromEnv", TRUST_ACCOUNT);
        Files.writeString(fixture.config, Files.readString(fixture.config)
                + "\n[profile from-env]\nrole_arn = " + deploy + "\ncredential_source = Environment\n");
        fixture.env("AWS_ACCESS_KEY_ID", key.accessKeyId()).env("AWS_SECRET_ACCESS_KEY", key.secretAccessKey());

        Credentials c = new ProfileCredentialsProvider(fixture.settings(), "from-env", clock).resolve();

        assertThat(c.source()).contains("role/FromEnv");
    }

    @Test
    void webIdentityProfilesReadTheTokenFileAtEveryRefresh() throws Exception {
        String pod = sts.createRole("Pod", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "%s"},
                  "Condition": {"StringEquals": {"oidc.stscreds.test:aud": "sts.amazonaws.com"}}}]}""".formatted(sts.oidcProviderArn()));
        Path token = dir.resolve("token");
        Files.writeString(token, "not-a-token");
        Files.writeString(fixture.config, Files.readString(fixture.config)
                + "\n[profile pod]\nrole_arn = " + pod + "\nweb_identity_token_file = " + token + "\nrole_session_name = pod\n");

        // One source, two calls: the file is read again at the second.
        var source = new dev.stscreds.source.WebIdentityCredentialsProvider(
                dev.stscreds.wire.sts.StsClient.create(sts.endpoint(), "us-east-1", clock), pod, token, "pod", "profile pod");
        assertThatThrownBy(source::resolve).isInstanceOf(CredentialsException.class).hasMessageContaining("InvalidIdentityToken");
        Files.writeString(token, sts.issueWebIdentityToken("system:serviceaccount:ci:pod", LocalSts.DEFAULT_AUDIENCE, Duration.ofMinutes(10)));
        assertThat(source.resolve().isTemporary()).isTrue();

        Credentials c = new ProfileCredentialsProvider(fixture.settings(), "pod", clock).resolve();

        assertThat(c.source()).contains("role arn:aws:iam::123456789012:role/Pod", "token in " + token);

        // The session goes to the AWS CLI's cache under botocore's key, and the next process takes it from there.
        int calls = sts.calls("AssumeRoleWithWebIdentity");
        Credentials next = new ProfileCredentialsProvider(fixture.settings(), "pod", clock).resolve();
        assertThat(sts.calls("AssumeRoleWithWebIdentity")).isEqualTo(calls);
        assertThat(next.accessKeyId()).isEqualTo(c.accessKeyId());
        assertThat(next.source()).contains("AWS CLI cache");
        assertThat(fixture.settings().home().resolve(".aws/cli/cache/"
                + dev.stscreds.cache.CliCacheKey.forAssumeRole(pod, "pod", null, null, null, null) + ".json")).exists();
    }

    @Test
    void aWrongCodeIsAnAccessDeniedThatSaysWhatToCheck() {
        String wrong = mfa.codeAt(NOW).equals("000000") ? "111111" : "000000";
        assertThatThrownBy(() -> new ProfileCredentialsProvider(fixture.settings(), "admin", clock,
                ResolveOptions.NONE.withMfaToken(wrong)).resolve())
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("AccessDenied");
    }

    @Test
    void mfaProcessGivesTheCode() throws Exception {
        Path codeFile = Files.writeString(dir.resolve("code"), mfa.codeAt(NOW) + "\n");
        Files.writeString(fixture.config, Files.readString(fixture.config)
                .replace("role_session_name = jon-admin\n", "role_session_name = jon-admin\nmfa_process = cat " + codeFile + "\n"));

        Credentials admin = new ProfileCredentialsProvider(fixture.settings(), "admin", clock).resolve();

        assertThat(admin.source()).contains("role/Admin");
    }

    @Test
    void withoutACodeOrTerminalTheErrorSaysHowToGiveOne() {
        org.junit.jupiter.api.Assumptions.assumeFalse(hasTerminal(), "a terminal is attached: the code would be asked there");
        assertThatThrownBy(() -> new ProfileCredentialsProvider(
                fixture.settings(), "admin", clock, ResolveOptions.NONE).resolve())
                .isInstanceOf(CredentialsException.class)
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString().contains("--mfa-token"));
    }
}
