package dev.stscreds.cli;

import dev.stscreds.cli.render.Style;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * A command line picocli cannot take: one line saying what is wrong, suggestions for a typo, and
 * where the full help is; not the whole help page, which buries the one line that matters.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    private final Style style;

    UsageErrorHandler(Style style) {
        this.style = style;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(style.red(style.bold("stscreds:")) + " " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("  " + style.yellow("hint:") + " `" + qualifiedName(cmd) + " --help` for more");
        err.flush();
        return cmd.getExitCodeExceptionMapper() != null ? cmd.getExitCodeExceptionMapper().getExitCode(ex) : ExitCodes.USAGE;
    }

    /** {@code stscreds exec}, {@code stscreds sso login}: the command whose help explains the mistake. */
    static String qualifiedName(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName(" ");
    }
}
