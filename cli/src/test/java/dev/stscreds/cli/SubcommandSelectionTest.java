package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.cli.command.EnvCommand;
import dev.stscreds.cli.command.WhoamiCommand;
import dev.stscreds.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubcommandSelectionTest {
    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        assertThat(StscredsCommand.subcommandsFor(new String[] {"env", "-p", "dev"})).containsExactly(EnvCommand.class);
        assertThat(StscredsCommand.subcommandsFor(new String[] {"export"})).containsExactly(EnvCommand.class);
        assertThat(StscredsCommand.subcommandsFor(new String[] {"--debug", "--endpoint-url", "http://127.0.0.1:1", "whoami"}))
                .containsExactly(WhoamiCommand.class);
        assertThat(StscredsCommand.subcommandsFor(new String[] {"--endpoint-url=http://127.0.0.1:1", "whoami"}))
                .containsExactly(WhoamiCommand.class);
    }

    @Test
    void helpCompletionTyposAndNoCommandGetThemAll() {
        for (String[] args : new String[][] {{}, {"help", "env"}, {"--help", "env"}, {"-V"}, {"completion"}, {"envv"}, {"--debug"}}) {
            assertThat(StscredsCommand.subcommandsFor(args)).as(String.join(" ", args)).isEqualTo(StscredsCommand.SUBCOMMANDS);
        }
    }

    @Test
    void helpStillListsEveryCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        Settings settings = Settings.of(Map.of(), Map.of(), Path.of("/nonexistent-home"));
        int status = StscredsCommand.run(new String[] {"help"}, settings, Clock.systemUTC(), stream, stream);
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("credential-process", "env, export", "whoami", "sandbox", "completion");
    }

    @Test
    void aMistypedCommandIsStillAnsweredWithSuggestions() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        Settings settings = Settings.of(Map.of(), Map.of(), Path.of("/nonexistent-home"));
        int status = StscredsCommand.run(new String[] {"whoamii"}, settings, Clock.systemUTC(), stream, stream);
        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Did you mean", "whoami");
    }
}
