package dev.stscreds.sdkv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.Credentials;
import dev.stscreds.resolve.ProfileCredentialsProvider;
import dev.stscreds.serve.CredentialServer;
import dev.stscreds.testing.ProfileFixture;
import dev.stscreds.testkit.MotoServer;
import dev.stscreds.wire.iam.IamClient;
import dev.stscreds.wire.query.QueryClient;
import dev.stscreds.wire.query.QueryForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK's STS client with stscreds' credentials against moto_server with its signature checks on:
 * through the bridge, and through {@code stscreds serve} read by the SDK's own container and
 * instance-metadata providers.
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

    private ProfileCredentialsProvider profile(String name) {
        ProfileFixture home = new ProfileFixture(dir.resolve("home"))
                .env("AWS_ENDPOINT_URL_STS", moto.endpoint().toString())
                .credentials("[alice]\naws_access_key_id = " + alice.accessKeyId() + "\naws_secret_access_key = " + alice.secretAccessKey() + "\n")
                .config("[profile reader]\nrole_arn = " + role + "\nsource_profile = alice\nrole_session_name = sdk\n");
        return new ProfileCredentialsProvider(home.settings(), name, Clock.systemUTC());
    }

    private StsClient client(IdentityProvider<? extends AwsCredentialsIdentity> credentials) throws Exception {
        return SdkSts.client(moto.endpoint(), credentials, Files.writeString(dir.resolve("sdk-config"), ""));
    }

    private StsClient client(String profile) throws Exception {
        return client(StscredsCredentialsProvider.of(profile(profile)));
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

    @Test
    void theSdksContainerProviderReadsTheRoleFromStscredsServe() throws Exception {
        try (CredentialServer server = CredentialServer.builder(profile("reader")).requireSessionFirst().start()) {
            // The SDK reads these two settings from system properties as from the environment.
            Map<String, String> before = setProperties(Map.of(
                    "aws.containerCredentialsFullUri", server.credentialsUri().toString(),
                    "aws.containerAuthorizationToken", server.authorizationToken().orElseThrow()));
            try (ContainerCredentialsProvider container = ContainerCredentialsProvider.builder().build();
                 StsClient sts = client(container)) {
                assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Reader/sdk");
            } finally {
                setProperties(before);
            }
        }
    }

    @Test
    void theSdksInstanceProfileProviderReadsTheRoleFromStscredsServeWithImdsV2() throws Exception {
        try (CredentialServer server = CredentialServer.builder(profile("reader")).mode(CredentialServer.Mode.IMDS)
                .requireSessionFirst().start();
             InstanceProfileCredentialsProvider imds = InstanceProfileCredentialsProvider.builder()
                     .endpoint(server.clientEnvironment().get("AWS_EC2_METADATA_SERVICE_ENDPOINT")).build();
             StsClient sts = client(imds)) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Reader/sdk");
        }
    }

    /** Sets each property (null clears it) and returns what was there before, for the same call to restore. */
    private static Map<String, String> setProperties(Map<String, String> values) {
        Map<String, String> before = new HashMap<>();
        values.forEach((name, value) -> {
            before.put(name, System.getProperty(name));
            if (value == null) System.clearProperty(name);
            else System.setProperty(name, value);
        });
        return before;
    }
}
