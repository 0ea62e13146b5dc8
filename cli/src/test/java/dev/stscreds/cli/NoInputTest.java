package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With nobody to ask (STSCREDS_PROMPT=none, STSCREDS_NO_INPUT), a command that needs an answer ends with exit code 4 and says why. */
class NoInputTest {
    @TempDir
    Path home;

    @Test
    void aVaultThatNeedsAPassphraseEndsWithTheInputNeededCode() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), "[profile dev]\ncredential_process = stscreds credential-process --profile dev\n");
        for (Map<String, String> env : java.util.List.of(Map.of("STSCREDS_PROMPT", "none"), Map.of("STSCREDS_NO_INPUT", "true"))) {
            Map<String, String> all = new java.util.HashMap<>(env);
            all.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
            all.put("STSCREDS_HOME", home.resolve(".stscreds").toString());
            all.put("STSCREDS_VAULT", "file");
            all.put("AWS_EC2_METADATA_DISABLED", "true");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = StscredsCommand.run(new String[] {"init", "--profile", "dev", "--from-env"}, Settings.of(Map.of(),
                    withKeys(all), home), Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).as(env + ": " + err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.INPUT_NEEDED);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("an answer is needed").contains("hint:");
        }
    }

    private static Map<String, String> withKeys(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        all.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
        return all;
    }
}
