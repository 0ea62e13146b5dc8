package dev.stscreds.cli.command;

import dev.stscreds.cache.CliSessionCache;
import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.StscredsCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds clear}: forget cached role sessions (the next use assumes the roles again). */
@Command(name = "clear", mixinStandardHelpOptions = true,
        description = "Remove the cached role sessions in ~/.aws/cli/cache (shared with the AWS CLI).",
        footerHeading = "%nExample:%n", footer = "  stscreds clear")
public final class ClearCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CliSessionCache cache = CliSessionCache.forSettings(root.settings(), root.clock());
        int removed = cache.clear();
        spec.commandLine().getOut().println("Removed " + removed + " cached session" + (removed == 1 ? "" : "s") + " from " + cache.folder() + ".");
        return ExitCodes.OK;
    }
}
