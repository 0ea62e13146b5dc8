package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.testkit.sts.VirtualMfa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole command flow through the real {@code bin/stscreds} process against the testkit's STS and
 * IAM: long-term keys into the encrypted vault, an MFA session with a TOTP code, then read, env and exec
 * with that session — each step a separate process, as a user runs them.
 */
class CommandFlowIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "stscreds").toAbsolutePath().normalize();
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path home;

    private LocalSts sts;
    private AccessKey key;
    private VirtualMfa mfa;

    record Result(int code, String out, String err) {}

    @BeforeEach
    void startSts() throws IOException {
        sts = new LocalSts().start();
        sts.createUser("jon");
        key = sts.createAccessKey("jon");
        mfa = sts.createVirtualMfa("jon");
        Files.createDirectories(home.resolve(".aws"));
        // A file the user already has: auth must leave every byte of it outside the profile's keys.
        Files.writeString(home.resolve(".aws/credentials"), "# my keys\n[other]\naws_access_key_id = AKIAOTHEROTHEROTHER0\n"
                + "aws_secret_access_key = other-secret ; a comment that stays\n\n[dev]\nregion = eu-west-1\n");
    }

    @AfterEach
    void stopSts() {
        sts.close();
    }

    private Result run(Map<String, String> extra, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("STSCREDS_"));
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_ENDPOINT_URL", sts.endpoint().toString());
        env.put("STSCREDS_VAULT", "file");
        env.put("STSCREDS_VAULT_PASSPHRASE", PASSPHRASE);
        env.putAll(extra);
        Path outFile = home.resolve("out.txt");
        Path errFile = home.resolve("err.txt");
        pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("stscreds %s finished in time", args[0]).isTrue();
        return new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                Files.readString(errFile, StandardCharsets.UTF_8));
    }

    private Result ok(Map<String, String> extra, String... args) throws IOException, InterruptedException {
        Result r = run(extra, args);
        assertThat(r.code()).as("stscreds %s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    @Test
    void initAuthReadEnvExec() throws Exception {
        Result init = ok(Map.of("AWS_ACCESS_KEY_ID", key.accessKeyId(), "AWS_SECRET_ACCESS_KEY", key.secretAccessKey()),
                "init", "-p", "dev", "--from-env");
        assertThat(init.out()).contains("for profile dev", "encrypted").doesNotContain(key.secretAccessKey());
        assertNoPlaintextSecretUnder(home, key.secretAccessKey());

        Result auth = ok(Map.of(), "auth", "-p", "dev", "--mfa-token", mfa.codeAt(Instant.now()), "--duration", "1h");
        assertThat(auth.out()).contains(mfa.serialNumber(), "profile dev");
        String credentials = Files.readString(home.resolve(".aws/credentials"));
        assertThat(credentials).startsWith("# my keys\n[other]\naws_access_key_id = AKIAOTHEROTHEROTHER0\n"
                + "aws_secret_access_key = other-secret ; a comment that stays\n\n[dev]\nregion = eu-west-1\n");
        assertThat(sts.calls("GetSessionToken")).isEqualTo(1);

        String sessionKeyId = ok(Map.of(), "read", "aws_access_key_id", "-p", "dev").out().strip();
        assertThat(sessionKeyId).startsWith("ASIA").isNotEqualTo(key.accessKeyId());
        assertThat(credentials).contains("aws_access_key_id = " + sessionKeyId);
        String token = ok(Map.of(), "read", "aws_session_token", "-p", "dev").out().strip();
        assertThat(token).isNotEmpty();
        assertThat(ok(Map.of(), "read", "expiration", "-p", "dev").out().strip()).endsWith("Z");

        Result env = ok(Map.of(), "env", "-p", "dev");
        assertThat(env.out()).contains("AWS_ACCESS_KEY_ID=" + sessionKeyId + "\n", "AWS_SESSION_TOKEN=" + token + "\n",
                "AWS_REGION=eu-west-1\n");

        Result exec = run(Map.of(), "exec", "-p", "dev", "--", "sh", "-c",
                "echo \"$AWS_ACCESS_KEY_ID $STSCREDS_PROFILE ${AWS_CREDENTIAL_EXPIRATION:+has-expiry}\"; exit 3");
        assertThat(exec.code()).as(exec.err()).isEqualTo(3);
        assertThat(exec.out()).isEqualTo(sessionKeyId + " dev has-expiry\n");

        // The session is the one STS issued: it signs a real call the local STS verifies.
        assertThat(ok(Map.of(), "whoami", "-p", "dev").out()).contains("arn:aws:iam::" + LocalSts.DEFAULT_ACCOUNT + ":user/jon");
        assertThat(sts.calls("GetSessionToken")).as("read, env, exec and whoami reuse the session").isEqualTo(1);
    }

    @Test
    void execWithServerGivesTheChildAnEndpointInsteadOfKeysAndTheAwsCliSignsWithIt() throws Exception {
        Optional<Path> aws = onPath("aws").or(() -> Optional.of(Path.of(System.getProperty("user.home"), ".pyenv", "shims", "aws"))
                .filter(Files::isExecutable));
        assumeTrue(aws.isPresent(), "the AWS CLI is not installed: exec --server is not tried with it");
        ok(Map.of("AWS_ACCESS_KEY_ID", key.accessKeyId(), "AWS_SECRET_ACCESS_KEY", key.secretAccessKey()),
                "init", "-p", "dev", "--from-env");
        ok(Map.of(), "auth", "-p", "dev", "--mfa-token", mfa.codeAt(Instant.now()), "--duration", "1h");

        Result exec = ok(Map.of("AWS_DEFAULT_REGION", "eu-west-1"), "exec", "-p", "dev", "--server", "--", "sh", "-c",
                "echo \"keys:${AWS_ACCESS_KEY_ID:-none} uri:${AWS_CONTAINER_CREDENTIALS_FULL_URI:+set}"
                        + " token:${AWS_CONTAINER_AUTHORIZATION_TOKEN:+set} profile:$STSCREDS_PROFILE\"; "
                        + aws.get() + " sts get-caller-identity --output text --query Arn");

        assertThat(exec.out()).isEqualTo("keys:none uri:set token:set profile:dev\narn:aws:iam::"
                + LocalSts.DEFAULT_ACCOUNT + ":user/jon\n");
        assertThat(sts.calls("GetSessionToken")).as("the server served the session auth made").isEqualTo(1);
    }

    @Test
    void aRoleWithMfaOnTopOfTheVaultTakesItsCodeFromOathtool() throws Exception {
        Optional<Path> oathtool = onPath("oathtool");
        assumeTrue(oathtool.isPresent(), "oathtool is not on PATH (apt-get install -y oathtool): mfa_process flow not run");
        String role = sts.createRole("Admin", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::%s:user/jon"},
                  "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}""".formatted(LocalSts.DEFAULT_ACCOUNT));
        ok(Map.of("AWS_ACCESS_KEY_ID", key.accessKeyId(), "AWS_SECRET_ACCESS_KEY", key.secretAccessKey()),
                "init", "-p", "jon", "--from-env");
        Files.writeString(home.resolve(".aws/config"), "[profile jon]\ncredential_process = " + LAUNCHER
                + " credential-process --profile jon\n\n[profile admin]\nrole_arn = " + role + "\nsource_profile = jon\n"
                + "mfa_serial = " + mfa.serialNumber() + "\nmfa_process = " + oathtool.get() + " --totp -b " + mfa.base32Seed()
                + "\nrole_session_name = jon\n");

        String first = ok(Map.of(), "read", "aws_access_key_id", "-p", "admin").out().strip();
        String again = ok(Map.of(), "read", "aws_access_key_id", "-p", "admin").out().strip();

        assertThat(first).startsWith("ASIA").isEqualTo(again);
        assertThat(sts.calls("AssumeRole")).as("the second read is answered from the shared CLI cache").isEqualTo(1);
        try (Stream<Path> cached = Files.list(home.resolve(".aws/cli/cache"))) {
            assertThat(cached.filter(f -> f.getFileName().toString().matches("[0-9a-f]{40}\\.json"))).hasSize(1);
        }
        assertThat(ok(Map.of(), "whoami", "-p", "admin").out()).contains(":assumed-role/Admin/jon");
    }

    @Test
    void aWrongPassphraseSaysSoAndChangesNothing() throws Exception {
        ok(Map.of("AWS_ACCESS_KEY_ID", key.accessKeyId(), "AWS_SECRET_ACCESS_KEY", key.secretAccessKey()),
                "init", "-p", "dev", "--from-env");
        byte[] credentialsBefore = Files.readAllBytes(home.resolve(".aws/credentials"));

        Result r = run(Map.of("STSCREDS_VAULT_PASSPHRASE", "not the passphrase"), "auth", "-p", "dev",
                "--mfa-token", mfa.codeAt(Instant.now()));

        assertThat(r.code()).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(r.err()).containsIgnoringCase("passphrase");
        assertThat(Files.readAllBytes(home.resolve(".aws/credentials"))).isEqualTo(credentialsBefore);
        assertThat(sts.calls("GetSessionToken")).isZero();
    }

    private static void assertNoPlaintextSecretUnder(Path root, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(indexOf(Files.readAllBytes(f), needle)).as("the secret key in plaintext in %s", f).isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }
}
