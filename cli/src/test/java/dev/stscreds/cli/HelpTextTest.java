package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help pages keep every example on its own unbroken line, and never cut a URL or a flag in two. */
class HelpTextTest {
    private static final Pattern URL_OR_FLAG = Pattern.compile("https?://[^\\s,)]+|(?<![\\w-])--[a-z][a-z0-9-]+");

    private static List<CommandLine> everyCommand() {
        CommandLine root = StscredsCommand.commandLine(new StscredsCommand(Settings.of(Map.of(), Map.of(), Path.of("/nonexistent")),
                Clock.systemUTC()), StscredsCommand.SUBCOMMANDS);
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(CommandLine c, List<CommandLine> all) {
        all.add(c);
        for (CommandLine sub : c.getSubcommands().values()) if (!all.contains(sub)) collect(sub, all);
    }

    private static String help(CommandLine c) {
        StringWriter text = new StringWriter();
        c.usage(new PrintWriter(text), CommandLine.Help.Ansi.OFF);
        return text.toString();
    }

    @Test
    void everyExampleIsPrintedOnOneLineAsWritten() {
        for (CommandLine c : everyCommand()) {
            String help = help(c);
            for (String footer : c.getCommandSpec().usageMessage().footer()) {
                for (String line : String.format(footer).split("\n")) {
                    assertThat(help.lines().toList()).as("the help of %s", c.getCommandSpec().qualifiedName()).contains(line);
                }
            }
        }
    }

    @Test
    void noUrlOrFlagIsCutAcrossLines() {
        List<String> cut = new ArrayList<>();
        for (CommandLine c : everyCommand()) {
            String help = help(c);
            List<String> texts = new ArrayList<>(List.of(c.getCommandSpec().usageMessage().description()));
            c.getCommandSpec().options().forEach(o -> texts.addAll(List.of(o.description())));
            for (String text : texts) {
                Matcher m = URL_OR_FLAG.matcher(text);
                while (m.find()) {
                    if (!help.contains(m.group())) cut.add(m.group() + " in the help of " + c.getCommandSpec().qualifiedName());
                }
            }
        }
        assertThat(cut).isEmpty();
    }
}
