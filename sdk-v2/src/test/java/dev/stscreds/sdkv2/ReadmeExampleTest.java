package dev.stscreds.sdkv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.testing.ProfileFixture;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's three lines, run as an application runs them: in a JVM of its own whose
 * environment and home are a temporary folder with a {@code dev} profile that assumes a role of
 * the testkit's STS (so nothing of this machine's real AWS set-up is read).
 */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleCallsStsAsTheProfilesRole() throws Exception {
        try (LocalSts sts = new LocalSts().start()) {
            sts.createUser("me");
            AccessKey key = sts.createAccessKey("me");
            String role = sts.createRole("Developer", """
                    {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:user/me"}}]}""");
            ProfileFixture home = new ProfileFixture(dir)
                    .env("AWS_ENDPOINT_URL_STS", sts.endpoint().toString())
                    .env("AWS_REGION", "us-east-1")
                    .credentials("[me]\naws_access_key_id = " + key.accessKeyId() + "\naws_secret_access_key = " + key.secretAccessKey() + "\n")
                    .config("[profile dev]\nrole_arn = " + role + "\nsource_profile = me\nrole_session_name = readme\n");

            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Duser.home=" + dir, "-cp", System.getProperty("java.class.path"), ReadmeExample.class.getName())
                    .redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.clear();
            env.putAll(home.environment());
            env.put("HOME", dir.toString());
            Path output = dir.resolve("output");
            pb.redirectOutput(output.toFile());

            Process process = pb.start();
            boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            if (!ended) process.destroyForcibly();
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(ended).as("the example ended within 60 s; it printed: %s", printed).isTrue();
            assertThat(process.exitValue()).as(printed).isZero();
            assertThat(printed).contains("arn:aws:sts::123456789012:assumed-role/Developer/readme");
            assertThat(sts.calls("AssumeRole")).isEqualTo(1);
        }
    }

    /** The README's SDK v2 example must be the one {@link ReadmeExample} runs. */
    @Test
    void theReadmeShowsTheExampleThatRuns() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            String runs = Files.readString(Path.of("src/test/java/dev/stscreds/sdkv2/ReadmeExample.java"));
            List<String> example = runs.substring(runs.indexOf("// README begin"), runs.indexOf("// README end"))
                    .lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList();
            assertThat(example).hasSize(3);
            String readme = Files.readString(Path.of("../README.md"));
            List<String> readmeLines = readme.lines().map(String::strip).toList();
            assertThat(Collections.indexOfSubList(readmeLines, example))
                    .as("the README holds these lines in a row: %s", example).isNotNegative();
        });
    }
}
