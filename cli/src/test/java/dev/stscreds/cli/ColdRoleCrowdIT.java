package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many processes, one outcome: N {@code bin/stscreds credential-process -p ROLE} started together with no
 * cached session (what an AWS tool that starts several children does) make exactly one AssumeRole on the
 * testkit's STS, all print that one session, none crashes, and no lock file is left in the AWS CLI's cache.
 */
class ColdRoleCrowdIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "stscreds").toAbsolutePath().normalize();
    private static final String TRUST = """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}""";
    private static final int CROWD = 10;
    private static final Pattern KEY_ID = Pattern.compile("\"AccessKeyId\":\"(ASIA[A-Z0-9]+)\"");

    @TempDir
    Path home;

    private LocalSts sts;

    @BeforeEach
    void world() throws Exception {
        sts = new LocalSts().start();
        sts.createUser("jon");
        AccessKey key = sts.createAccessKey("jon");
        String admin = sts.createRole("Admin", TRUST);
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"),
                "[base]\naws_access_key_id = " + key.accessKeyId() + "\naws_secret_access_key = " + key.secretAccessKey() + "\n");
        Files.writeString(home.resolve(".aws/config"),
                "[profile admin]\nrole_arn = " + admin + "\nsource_profile = base\nrole_session_name = jon\n");
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private Process start(String profile, int n) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "credential-process", "-p", profile).directory(home.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("STSCREDS_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
        pb.redirectOutput(home.resolve("out-" + n + ".txt").toFile()).redirectError(home.resolve("err-" + n + ".txt").toFile());
        return pb.start();
    }

    @Test
    void coldCallsStartedTogetherMakeOneAssumeRole() throws Exception {
        // One call first, for a profile with keys: the launcher records its start-up archive here, not in the crowd.
        Process warmUp = start("base", -1);
        assertThat(warmUp.waitFor(120, TimeUnit.SECONDS)).isTrue();

        List<Process> crowd = new ArrayList<>();
        for (int i = 0; i < CROWD; i++) crowd.add(start("admin", i));
        Set<String> keyIds = new HashSet<>();
        for (int i = 0; i < CROWD; i++) {
            assertThat(crowd.get(i).waitFor(120, TimeUnit.SECONDS)).as("process %d finished", i).isTrue();
            String err = Files.readString(home.resolve("err-" + i + ".txt"), StandardCharsets.UTF_8);
            assertThat(crowd.get(i).exitValue()).as(err).isZero();
            Matcher m = KEY_ID.matcher(Files.readString(home.resolve("out-" + i + ".txt"), StandardCharsets.UTF_8));
            assertThat(m.find()).isTrue();
            keyIds.add(m.group(1));
        }

        assertThat(sts.calls("AssumeRole")).as("AssumeRole calls made by %d cold processes", CROWD).isEqualTo(1);
        assertThat(keyIds).as("every process printed the one session").hasSize(1);
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("JVM crash files").noneMatch(n -> n.startsWith("hs_err_pid"));
        }
        try (Stream<Path> files = Files.list(home.resolve(".aws/cli/cache"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("only the AWS CLI's own entries")
                    .allMatch(n -> n.matches("[0-9a-f]{40}\\.json"));
        }
    }
}
