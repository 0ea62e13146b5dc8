package dev.stscreds.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.refresh.RefreshingCredentialsProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AWS CLIs installed here read credentials from {@code serve --imds} through the endpoint the
 * server prints (with its final slash), and the CLI v1 (botocore) also through the same endpoint
 * without the slash. The CLI v2 up to 2.9 joins {@code latest/api/token} to the endpoint without a
 * slash, which is why the server prints one.
 */
class ServeAwsCliInteropTest {
    private static final Path CLI_V1 = Path.of("/root/.pyenv/shims/aws");

    // One session, served to every request: the CLI may ask more than once.
    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"/root/.pyenv/shims/aws", "/usr/bin/aws"})
    void theAwsCliReadsTheServedSessionThroughThePrintedEndpoint(String cli) throws Exception {
        Path executable = Path.of(cli);
        assumeTrue(runs(executable), () -> "skipped: " + cli + " is not a working AWS CLI here");
        try (CredentialServer server = CredentialServer.builder(
                RefreshingCredentialsProvider.builder(new CountingSessions(Clock.systemUTC())).build())
                .mode(CredentialServer.Mode.IMDS).roleName("dev").start()) {
            String printed = server.clientEnvironment().get("AWS_EC2_METADATA_SERVICE_ENDPOINT");
            assertThat(printed).endsWith("/");

            assertThat(configureList(executable, printed)).contains("iam-role").contains("0001");
            if (executable.equals(CLI_V1)) {
                String withoutSlash = printed.substring(0, printed.length() - 1);
                assertThat(configureList(executable, withoutSlash)).contains("iam-role").contains("0001");
            }
        }
    }

    /**
     * The AWS SDK for JavaScript v3's instance metadata provider, from the folder in STSCREDS_JS_SDK
     * (where .ci/run installs {@code @aws-sdk/credential-provider-imds} with npm), both endpoint forms.
     */
    @org.junit.jupiter.api.Test
    void theJavaScriptSdkReadsTheServedSessionWithAndWithoutTheFinalSlash() throws Exception {
        String folder = System.getenv("STSCREDS_JS_SDK");
        assumeTrue(folder != null && Files.isDirectory(Path.of(folder, "node_modules", "@aws-sdk", "credential-provider-imds")),
                "skipped: set STSCREDS_JS_SDK to a folder where `npm install @aws-sdk/credential-provider-imds` ran (.ci/run does)");
        try (CredentialServer server = CredentialServer.builder(
                RefreshingCredentialsProvider.builder(new CountingSessions(Clock.systemUTC())).build())
                .mode(CredentialServer.Mode.IMDS).roleName("dev").start()) {
            String printed = server.clientEnvironment().get("AWS_EC2_METADATA_SERVICE_ENDPOINT");
            for (String endpoint : List.of(printed, printed.substring(0, printed.length() - 1))) {
                ProcessBuilder pb = new ProcessBuilder("node", "-e", "require('@aws-sdk/credential-provider-imds')"
                        + ".fromInstanceMetadata({maxRetries: 0, timeout: 5000})()"
                        + ".then(c => console.log(c.accessKeyId), e => { console.error(String(e)); process.exit(1); })");
                pb.environment().put("NODE_PATH", Path.of(folder, "node_modules").toString());
                pb.environment().put("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint);
                pb.environment().remove("AWS_EC2_METADATA_DISABLED");
                Path out = home.resolve("node-out");
                Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("node did not finish in 60 s");
                }
                String text = Files.readString(out, StandardCharsets.UTF_8);
                assertThat(p.exitValue()).as(endpoint + ": " + text).isZero();
                assertThat(text.strip()).as(endpoint).isEqualTo("ASIATESTSESSION00001");
            }
        }
    }

    private String configureList(Path executable, String endpoint) throws IOException, InterruptedException {
        Path config = Files.writeString(home.resolve("config"), "");
        Path credentials = Files.writeString(home.resolve("credentials"), "");
        ProcessBuilder pb = new ProcessBuilder(executable.toString(), "configure", "list");
        Map<String, String> env = pb.environment();
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        env.clear();
        env.putAll(Map.of("PATH", path, "HOME", home.toString(), "AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", credentials.toString(), "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint, "NO_PROXY", "127.0.0.1", "AWS_PAGER", ""));
        Path out = home.resolve("out");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(executable + " configure list did not finish in 60 s");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    private static boolean runs(Path executable) {
        if (!Files.isExecutable(executable)) return false;
        try {
            Process p = new ProcessBuilder(List.of(executable.toString(), "--version")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
