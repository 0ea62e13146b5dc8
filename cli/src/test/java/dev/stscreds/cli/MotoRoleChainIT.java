package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.Credentials;
import dev.stscreds.testkit.MotoServer;
import dev.stscreds.wire.iam.IamClient;
import dev.stscreds.wire.query.QueryClient;
import dev.stscreds.wire.query.QueryForm;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain of three profiles with MFA, resolved by the packaged {@code bin/stscreds explain --resolve}
 * against moto (signatures checked); then the AWS CLI answers {@code --profile deploy} from the
 * shared cache with stdin closed. And the reverse: the AWS CLI assumes, stscreds reuses. And the AWS
 * CLI reads the role from {@code stscreds serve}, as a container endpoint and as instance metadata.
 */
class MotoRoleChainIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "stscreds").toAbsolutePath().normalize();
    private static final Credentials SETUP = Credentials.of("AKIASETUPSETUPSETUP0", "setup-secret", "setup");

    @TempDir
    Path home;

    private MotoServer moto;
    private Path aws;
    private final Map<String, String> env = new HashMap<>();

    record Run(int code, String out, String err) {}

    @BeforeEach
    void world() throws Exception {
        Optional<Path> motoServer = MotoServer.executable();
        assumeTrue(motoServer.isPresent(), "moto_server is not installed: interop test skipped");
        Optional<Path> cli = onPath("aws");
        assumeTrue(cli.isPresent(), "the AWS CLI is not installed: interop test skipped");
        aws = cli.get();
        moto = MotoServer.start(motoServer.get());
        QueryClient iam = QueryClient.builder("iam", moto.endpoint(), "us-east-1").build();
        Credentials[] jon = new Credentials[1];
        moto.withoutAuth(() -> {
            iam.call(QueryForm.of("CreateUser", "2010-05-08").add("UserName", "jon"), SETUP);
            iam.call(QueryForm.of("PutUserPolicy", "2010-05-08").add("UserName", "jon").add("PolicyName", "all")
                    .add("PolicyDocument", allowAll()), SETUP);
            jon[0] = IamClient.create(moto.endpoint(), Clock.systemUTC()).createAccessKey(SETUP, "jon").credentials();
            createRole(iam, "Admin", "arn:aws:iam::123456789012:user/jon");
            createRole(iam, "Deploy", "arn:aws:sts::123456789012:assumed-role/Admin/jon-admin");
        });
        Path awsFolder = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(awsFolder.resolve("credentials"),
                "[base]\naws_access_key_id = " + jon[0].accessKeyId() + "\naws_secret_access_key = " + jon[0].secretAccessKey() + "\n");
        Files.writeString(awsFolder.resolve("config"), """
                [profile admin]
                role_arn = arn:aws:iam::123456789012:role/Admin
                source_profile = base
                mfa_serial = arn:aws:iam::123456789012:mfa/jon
                role_session_name = jon-admin

                [profile deploy]
                role_arn = arn:aws:iam::123456789012:role/Deploy
                source_profile = admin
                role_session_name = jon-deploy
                """);
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", awsFolder.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", awsFolder.resolve("credentials").toString());
        env.put("AWS_ENDPOINT_URL_STS", moto.endpoint().toString());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
    }

    @AfterEach
    void stop() {
        if (moto != null) moto.close();
    }

    @Test
    void stscredsAssumesTheChainAndTheAwsCliReusesIt() throws Exception {
        Run ours = run(null, LAUNCHER.toString(), "explain", "--profile", "deploy", "--resolve", "--mfa-token", "123456");
        assertThat(ours.code()).as(ours.out() + ours.err()).isZero();
        assertThat(ours.out()).contains("answered", "role/Deploy", "← admin", "← base");

        Run theirs = run(null, aws.toString(), "sts", "get-caller-identity", "--profile", "deploy", "--output", "json");
        assertThat(theirs.code()).as(theirs.err()).isZero();
        assertThat(theirs.out()).contains("assumed-role/Deploy/jon-deploy");
    }

    @Test
    void theAwsCliAssumesTheChainAndStscredsReusesIt() throws Exception {
        Run theirs = run("123456\n", aws.toString(), "sts", "get-caller-identity", "--profile", "deploy", "--output", "json");
        assertThat(theirs.code()).as(theirs.err()).isZero();

        // No --mfa-token and stdin closed: only the shared cache can answer.
        Run ours = run(null, LAUNCHER.toString(), "explain", "--profile", "deploy", "--resolve");
        assertThat(ours.code()).as(ours.out() + ours.err()).isZero();
        assertThat(ours.out()).contains("AWS CLI cache");
    }

    @Test
    void theAwsCliGetsTheRoleThroughCredentialProcess() throws Exception {
        Files.writeString(Path.of(env.get("AWS_CONFIG_FILE")), Files.readString(Path.of(env.get("AWS_CONFIG_FILE")))
                + "\n[profile app]\ncredential_process = " + LAUNCHER + " credential-process --profile deploy --mfa-token 123456\n");

        Run theirs = run(null, aws.toString(), "sts", "get-caller-identity", "--profile", "app", "--output", "json");

        assertThat(theirs.code()).as(theirs.err()).isZero();
        assertThat(theirs.out()).contains("assumed-role/Deploy/jon-deploy");
    }

    @Test
    void importLeavesNoPlaintextKeyAndTheAwsCliStillWorks() throws Exception {
        env.put("STSCREDS_HOME", home.resolve(".stscreds").toString());
        env.put("STSCREDS_VAULT", "file");
        env.put("STSCREDS_VAULT_PASSPHRASE", "a passphrase for the test");
        String secret = Files.readString(Path.of(env.get("AWS_SHARED_CREDENTIALS_FILE")))
                .lines().filter(l -> l.startsWith("aws_secret_access_key")).findFirst().orElseThrow().split("=", 2)[1].trim();

        Run imported = run(null, LAUNCHER.toString(), "import", "--profile", "base");
        assertThat(imported.code()).as(imported.out() + imported.err()).isZero();

        try (var files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(secret);
            }
        }
        // moto accepts no GetSessionToken session in a later call, so the AWS CLI gets the vault's keys themselves here
        Path config = Path.of(env.get("AWS_CONFIG_FILE"));
        Files.writeString(config, Files.readString(config).replace("credential-process --profile base",
                "credential-process --profile base --no-session"));
        Run base = run(null, aws.toString(), "sts", "get-caller-identity", "--profile", "base", "--output", "json");
        assertThat(base.code()).as(base.err()).isZero();
        assertThat(base.out()).contains("arn:aws:iam::123456789012:user/jon");
        Run deploy = run("123456\n", aws.toString(), "sts", "get-caller-identity", "--profile", "deploy", "--output", "json");
        assertThat(deploy.code()).as(deploy.err()).isZero();
        assertThat(deploy.out()).contains("assumed-role/Deploy/jon-deploy");
    }

    @Test
    void theAwsCliReadsTheRoleFromStscredsServeAsAContainerEndpointAndAsInstanceMetadata() throws Exception {
        for (String mode : List.of("--ecs", "--imds")) {
            Process server = start(LAUNCHER.toString(), "serve", "--profile", "deploy", "--mfa-token", "123456", mode);
            try {
                Map<String, String> clientVariables = readVariables(server, mode.equals("--ecs") ? 2 : 1);
                Map<String, String> saved = new HashMap<>(env);
                env.putAll(clientVariables);
                if (mode.equals("--imds")) env.remove("AWS_EC2_METADATA_DISABLED");

                Run theirs = run(null, aws.toString(), "sts", "get-caller-identity", "--output", "json");

                env.clear();
                env.putAll(saved);
                assertThat(theirs.code()).as(mode + ": " + theirs.err()).isZero();
                assertThat(theirs.out()).as(mode).contains("assumed-role/Deploy/jon-deploy");
            } finally {
                server.destroy();
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("serve stops on TERM").isTrue();
            }
        }
    }

    /** The NAME=value lines serve prints first on stdout. */
    private static Map<String, String> readVariables(Process server, int count) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            Map<String, String> variables = new LinkedHashMap<>();
            while (variables.size() < count) {
                String line = out.readLine();
                if (line == null) {
                    throw new AssertionError("serve ended before printing its variables: "
                            + new String(server.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                }
                String[] pair = line.split("=", 2);
                variables.put(pair[0], pair[1]);
            }
            return variables;
        });
    }

    private Process start(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        String path = System.getenv("PATH");
        pb.environment().clear();
        pb.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null) pb.environment().put("JAVA_HOME", javaHome);
        pb.environment().putAll(env);
        pb.redirectError(home.resolve("serve-err.txt").toFile());
        return pb.start();
    }

    private Run run(String input, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        String path = System.getenv("PATH");
        pb.environment().clear();
        pb.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null) pb.environment().put("JAVA_HOME", javaHome);
        pb.environment().putAll(env);
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (var stdin = p.getOutputStream()) {
            if (input != null) stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void createRole(QueryClient iam, String name, String principal) {
        iam.call(QueryForm.of("CreateRole", "2010-05-08").add("RoleName", name).add("AssumeRolePolicyDocument",
                "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \""
                        + principal + "\"}, \"Action\": \"sts:AssumeRole\"}]}"), SETUP);
        iam.call(QueryForm.of("PutRolePolicy", "2010-05-08").add("RoleName", name).add("PolicyName", "all")
                .add("PolicyDocument", allowAll()), SETUP);
    }

    private static String allowAll() {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}";
    }

    private static Optional<Path> onPath(String name) {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) candidates.add(Path.of(dir, name));
        candidates.add(Path.of(System.getProperty("user.home"), ".pyenv", "shims", name));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
