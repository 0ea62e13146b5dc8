package dev.stscreds.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: global options and the list of subcommands. */
@Command(
        name = "stscreds",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Temporary AWS credentials made the easy path.",
        subcommands = {CommandLine.HelpCommand.class})
public final class StscredsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code (used by Main and by tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new StscredsCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
