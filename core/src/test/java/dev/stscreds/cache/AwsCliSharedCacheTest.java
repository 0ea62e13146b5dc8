package dev.stscreds.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.Credentials;
import dev.stscreds.config.Settings;
import dev.stscreds.resolve.ProfileCredentialsProvider;
import dev.stscreds.resolve.ResolveOptions;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.testkit.sts.VirtualMfa;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI and stscreds share role sessions through {@code ~/.aws/cli/cache}: a role assumed
 * with MFA by one is used by the other without a second MFA code. Runs the real {@code aws}
 * against the testkit's STS (which checks the MFA codes); skipped when no AWS CLI runs here.
 */
class AwsCliSharedCacheTest {
    private static final String TRUST_WITH_MFA = """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
              "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}""";

    @TempDir
    Path home;

    // The AWS CLI signs with the real time, so the local STS runs on it too.
    private final Clock clock = Clock.systemUTC();
    private LocalSts sts;
    private VirtualMfa mfa;
    private Path aws;
    private Map<String, String> env;

    @BeforeEach
    void world() throws IOException {
        Optional<Path> cli = findAwsCli();
        assumeTrue(cli.isPresent(), "the AWS CLI is not installed here (aws on PATH or in pyenv): interop test skipped");
        aws = cli.get();
        sts = new LocalSts().clock(clock).start();
        sts.createUser("jon");
        AccessKey key = sts.createAccessKey("jon");
        mfa = sts.createVirtualMfa("jon");
        String admin = sts.createRole("Admin", TRUST_WITH_MFA);
        Path awsFolder = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(awsFolder.resolve("credentials"),
                "[base]\naws_access_key_id = " + key.accessKeyId() + "\naws_secret_access_key = " + key.secretAccessKey() + "\n");
        Files.writeString(awsFolder.resolve("config"), """
                [profile base]
                region = us-east-1

                [profile admin]
                role_arn = %s
                source_profile = base
                mfa_serial = %s
                region = us-east-1
                """.formatted(admin, mfa.serialNumber()));
        env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", awsFolder.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", awsFolder.resolve("credentials").toString());
        env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    @AfterEach
    void stop() {
        if (sts != null) sts.close();
    }

    @Test
    void aRoleAssumedByStscredsIsUsedByTheAwsCliWithoutAnotherCode() throws Exception {
        Credentials ours = new ProfileCredentialsProvider(Settings.of(Map.of(), env, home), "admin", clock,
                ResolveOptions.NONE.withMfaToken(mfa.codeAt(Instant.now()))).resolve();
        assertThat(sts.calls("AssumeRole")).isEqualTo(1);

        Run run = runAws(null, "sts", "get-caller-identity", "--profile", "admin", "--output", "json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("assumed-role/Admin/");
        assertThat(sts.calls("AssumeRole")).as("the AWS CLI used the cached session").isEqualTo(1);
        assertThat(sts.calls("GetCallerIdentity")).isEqualTo(1);
        assertThat(ours.accessKeyId()).startsWith("ASIA");
    }

    @Test
    void aRoleAssumedByTheAwsCliIsUsedByStscredsWithoutAnotherCode() throws Exception {
        Run run = runAws(mfa.codeAt(Instant.now()) + "\n", "sts", "get-caller-identity", "--profile", "admin", "--output", "json");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(sts.calls("AssumeRole")).isEqualTo(1);

        // No code and no terminal: only the cache can answer.
        Credentials ours = new ProfileCredentialsProvider(Settings.of(Map.of(), env, home), "admin", clock,
                ResolveOptions.NONE).resolve();

        assertThat(ours.source()).contains("AWS CLI cache");
        assertThat(sts.calls("AssumeRole")).isEqualTo(1);
        try (var files = Files.list(home.resolve(".aws/cli/cache"))) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString().endsWith(".json");
        }
    }

    record Run(int code, String out, String err) {}

    /** Runs aws with the test's environment only; stdin is {@code input}, or closed when null. */
    private Run runAws(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(aws.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        String path = System.getenv("PATH");
        pb.environment().clear();
        pb.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        pb.environment().put("AWS_PAGER", "");
        pb.environment().put("NO_PROXY", "127.0.0.1");
        pb.environment().putAll(env);
        Path out = home.resolve("aws.out");
        Path err = home.resolve("aws.err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (var stdin = p.getOutputStream()) {
            if (input != null) stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("aws did not finish within 60 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Optional<Path> findAwsCli() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            candidates.add(Path.of(dir, "aws"));
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".pyenv", "shims", "aws"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
