package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.exec.ExecEnvironment;
import dev.stscreds.resolve.Regions;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds exec -- CMD ARGS}: run a command with the profile's credentials in its environment. */
@Command(
        name = "exec",
        mixinStandardHelpOptions = true,
        description = {
            "Run a command with the profile's credentials (and region and expiry) in its environment.",
            "Other AWS credential and profile variables are removed; STSCREDS_PROFILE is set, and a nested exec is refused.",
            "The command's exit code is passed through; stopping stscreds stops the command."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  stscreds exec --profile dev -- aws s3 ls", "  stscreds exec -p dev -- $SHELL"})
public final class ExecCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (after --).")
    List<String> command;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String name = profile.profile(root);
        Map<String, String> parent = root.settings().environment();
        ExecEnvironment.refuseNesting(parent, name);
        Map<String, String> env = ExecEnvironment.build(parent, profile.resolve(root), name,
                Regions.forProfile(root.settings(), name));
        // The child owns the terminal from here: no progress line may draw over it.
        root.stopProgress();
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().clear();
        pb.environment().putAll(env);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            spec.commandLine().getErr().println("stscreds: could not run " + command.get(0) + ": " + e.getMessage());
            return 127;
        }
        // Ctrl-C reaches the child through the terminal's process group; a TERM to stscreds ends it here.
        Thread stopChild = new Thread(child::destroy, "stscreds-exec-stop");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int status = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopChild);
        return status == 0 ? ExitCodes.OK : status;
    }
}
