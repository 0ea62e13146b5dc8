package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.Credentials;
import dev.stscreds.config.Settings;
import dev.stscreds.testkit.MotoServer;
import dev.stscreds.wire.iam.IamClient;
import dev.stscreds.wire.query.QueryClient;
import dev.stscreds.wire.query.QueryForm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stscreds curl} against moto's STS and IAM Query APIs, with moto checking the signatures. */
class CurlAgainstMotoTest {
    private static final Credentials SETUP = Credentials.of("AKIASETUPSETUPSETUP0", "setup-secret", "setup");

    private static MotoServer moto;
    private static Credentials jon;

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startMoto() throws Exception {
        Optional<Path> motoServer = MotoServer.executable();
        assumeTrue(motoServer.isPresent(), "moto_server is not installed: interop test skipped");
        moto = MotoServer.start(motoServer.get());
        QueryClient iam = QueryClient.builder("iam", moto.endpoint(), "us-east-1").build();
        moto.withoutAuth(() -> {
            iam.call(QueryForm.of("CreateUser", "2010-05-08").add("UserName", "jon"), SETUP);
            iam.call(QueryForm.of("PutUserPolicy", "2010-05-08").add("UserName", "jon").add("PolicyName", "all")
                    .add("PolicyDocument", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
                            + "\"Action\": \"*\", \"Resource\": \"*\"}]}"), SETUP);
            jon = IamClient.create(moto.endpoint(), Clock.systemUTC()).createAccessKey(SETUP, "jon").credentials();
        });
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) moto.close();
    }

    @BeforeEach
    void profiles() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[jon]\naws_access_key_id = " + jon.accessKeyId()
                + "\naws_secret_access_key = " + jon.secretAccessKey() + "\n[forged]\naws_access_key_id = " + jon.accessKeyId()
                + "\naws_secret_access_key = forged-secret\n");
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    private int run(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> StscredsCommand.run(args, Settings.of(Map.of(), env, home),
                Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void getCallerIdentityByPostingTheQueryForm() {
        int code = run("curl", "-p", "jon", "--service", "sts", "--region", "us-east-1",
                "-d", "Action=GetCallerIdentity&Version=2011-06-15", moto.endpoint().toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8) + out()).isZero();
        assertThat(out()).contains("<GetCallerIdentityResponse", "<Arn>arn:aws:iam::123456789012:user/jon</Arn>");
    }

    /**
     * POSTed as the SDKs do. Not a GET with the parameters in the query string: moto rebuilds a GET's
     * canonical request with the query parameters as the body (botocore's {@code AWSRequest} built
     * from {@code data=querystring}), so it refuses a correctly signed GET; the testkit's echo
     * service checks such GETs instead (CurlCommandTest).
     */
    @Test
    void anIamCall() {
        int code = run("curl", "-p", "jon", "--service", "iam", "--region", "us-east-1",
                "-d", "Action=GetUser&Version=2010-05-08", "-d", "UserName=jon", moto.endpoint().toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8) + out()).isZero();
        assertThat(out()).contains("<GetUserResponse", "<UserName>jon</UserName>");
    }

    @Test
    void motoRefusesAForgedSignatureAndTheExitCodeSaysSo() {
        int code = run("curl", "-p", "forged", "--service", "sts", "--region", "us-east-1", "-i",
                "-d", "Action=GetCallerIdentity&Version=2011-06-15", moto.endpoint().toString());

        assertThat(code).isEqualTo(ExitCodes.HTTP_ERROR);
        assertThat(out()).startsWith("HTTP/1.1 403\r\n").contains("SignatureDoesNotMatch");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("answered 403").doesNotContain("forged-secret");
    }
}
