package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stscreds completion}: a bash/zsh completion script generated from the commands themselves. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a completion script for bash and zsh, generated from the commands and their options.",
        footerHeading = "%nExamples:%n",
        footer = {"  source <(stscreds completion)                     # this shell",
            "  stscreds completion > /etc/bash_completion.d/stscreds"})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(AutoComplete.bash("stscreds", root));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
