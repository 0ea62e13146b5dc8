package dev.stscreds.sdkv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.Credentials;
import dev.stscreds.resolve.ProfileCredentialsProvider;
import dev.stscreds.testing.ProfileFixture;
import dev.stscreds.testkit.MotoServer;
import dev.stscreds.wire.iam.IamClient;
import dev.stscreds.wire.query.QueryClient;
import dev.stscreds.wire.query.QueryForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK's STS client with stscreds' credentials against moto_server with its signature checks on.
 * Skipped with a reason when moto_server is not installed.
 */
class MotoThroughSdkTest {
    private static final Credentials SETUP = Credentials.of("AKIASETUPSETUPSETUP0", "setup-secret", "setup");
    private static MotoServer moto;
    private static Credentials alice;
    private static String role;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> executable = MotoServer.executable();
        assumeTrue(executable.isPresent(), "moto_server is not installed (pyenv or PATH): interop test skipped");
        moto = MotoServer.start(executable.get());
        QueryClient iam = QueryClient.builder("iam", moto.endpoint(), "us-east-1").build();
        moto.withoutAuth(() -> {
            iam.call(QueryForm.of("CreateUser", "2010-05-08").add("UserName", "alice"), SETUP);
            iam.call(QueryForm.of("PutUserPolicy", "2010-05-08").add("UserName", "alice").add("PolicyName", "all")
                    .add("PolicyDocument", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}"), SETUP);
            alice = IamClient.create(moto.endpoint(), Clock.systemUTC()).createAccessKey(SETUP, "alice").credentials();
            role = iam.call(QueryForm.of("CreateRole", "2010-05-08").add("RoleName", "Reader")
                    .add("AssumeRolePolicyDocument", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
                            + " \"Principal\": {\"AWS\": \"arn:aws:iam::123456789012:user/alice\"}, \"Action\": \"sts:AssumeRole\"}]}"), SETUP)
                    .textAt("Role", "Arn").orElseThrow();
        });
    }

    @AfterAll
    static void stop() {
        if (moto != null) moto.close();
    }

    private StsClient client(String profile) throws Exception {
        ProfileFixture home = new ProfileFixture(dir.resolve("home"))
                .env("AWS_ENDPOINT_URL_STS", moto.endpoint().toString())
                .credentials("[alice]\naws_access_key_id = " + alice.accessKeyId() + "\naws_secret_access_key = " + alice.secretAccessKey() + "\n")
                .config("[profile reader]\nrole_arn = " + role + "\nsource_profile = alice\nrole_session_name = sdk\n");
        StscredsCredentialsProvider bridge = StscredsCredentialsProvider.of(
                new ProfileCredentialsProvider(home.settings(), profile, Clock.systemUTC()));
        return SdkSts.client(moto.endpoint(), bridge, Files.writeString(dir.resolve("sdk-config"), ""));
    }

    @Test
    void staticKeysProfile() throws Exception {
        try (StsClient sts = client("alice")) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
        }
    }

    @Test
    void roleProfile() throws Exception {
        try (StsClient sts = client("reader")) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Reader/sdk");
        }
    }
}
