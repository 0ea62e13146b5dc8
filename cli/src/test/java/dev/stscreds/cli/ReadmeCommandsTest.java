package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's command sections tell the truth: every flag a section shows exists on a command
 * the section is about (or is global), and every command has a section.
 */
class ReadmeCommandsTest {
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\\w-])");

    private static CommandLine root;
    /** Heading → the section's text (heading included). */
    private static final Map<String, String> sections = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        root = new CommandLine(new StscredsCommand(Settings.of(Map.of(), Map.of(), Path.of("/nonexistent")), Clock.systemUTC()));
        for (Class<?> c : StscredsCommand.SUBCOMMANDS) root.addSubcommand(c);
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        String heading = null;
        StringBuilder text = new StringBuilder();
        boolean fenced = false;
        for (String line : lines) {
            if (line.startsWith("```")) fenced = !fenced;
            if (!fenced && (line.startsWith("## ") || line.startsWith("### "))) {
                if (heading != null) sections.put(heading, text.toString());
                heading = line.startsWith("### `stscreds") ? line : null;
                text.setLength(0);
            }
            // Tables show other tools' flags beside ours (docker's --env-file): only prose and headings count.
            if (heading != null && !fenced && !line.startsWith("|")) text.append(line).append('\n');
        }
        if (heading != null) sections.put(heading, text.toString());
    }

    /** The commands a heading names: {@code stscreds env} / {@code stscreds export}, {@code sso login | profiles}, {@code `list`}… */
    private static List<CommandLine> commandsOf(String heading) {
        List<CommandLine> found = new ArrayList<>();
        Matcher m = CODE_SPAN.matcher(heading);
        while (m.find()) {
            String[] words = m.group(1).replace("stscreds ", "").split("[\\s\\[]+");
            CommandLine command = root.getSubcommands().get(words[0]);
            if (command == null) continue;
            found.add(command);
            for (int i = 1; i < words.length; i++) {
                String w = words[i];
                if (w.equals("|")) continue;
                CommandLine sub = command.getSubcommands().get(w);
                if (sub != null) found.add(sub);
                else if (!w.equals("|")) break;
            }
        }
        return found;
    }

    @Test
    void everyFlagASectionShowsExists() {
        assertThat(sections).hasSizeGreaterThan(10);
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> section : sections.entrySet()) {
            List<CommandLine> commands = commandsOf(section.getKey());
            assertThat(commands).as("the commands of %s", section.getKey()).isNotEmpty();
            Matcher spans = CODE_SPAN.matcher(section.getValue());
            while (spans.find()) {
                Matcher flags = FLAG.matcher(spans.group(1));
                while (flags.find()) {
                    String flag = flags.group(1);
                    boolean known = root.getCommandSpec().findOption(flag) != null
                            || commands.stream().anyMatch(c -> c.getCommandSpec().findOption(flag) != null);
                    if (!known) missing.add(flag + " in " + section.getKey());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyCommandHasASection() {
        Set<String> documented = new LinkedHashSet<>();
        for (String heading : sections.keySet()) {
            for (CommandLine c : commandsOf(heading)) documented.add(c.getCommandName());
        }
        Set<String> commands = new LinkedHashSet<>(root.getSubcommands().keySet());
        commands.remove("help");
        for (CommandLine c : root.getSubcommands().values()) commands.removeAll(List.of(c.getCommandSpec().aliases()));
        assertThat(documented).containsAll(commands);
    }

    @Test
    void theGlobalOptionsSectionListsEveryGlobalOption() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String global = readme.substring(readme.indexOf("### Global options"), readme.indexOf("### Terminal output"));
        for (CommandLine.Model.OptionSpec o : root.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            assertThat(global).as("README's global options").contains("`" + o.longestName());
        }
    }
}
