package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.exec.ExecEnvironment;
import dev.stscreds.resolve.Regions;
import dev.stscreds.serve.CredentialServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
            "The command's exit code is passed through; stopping stscreds stops the command.",
            "With --server the command gets no keys but a local container endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI and"
                + " its token) that serves fresh credentials for as long as it runs."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  stscreds exec --profile dev -- aws s3 ls", "  stscreds exec -p dev -- $SHELL",
            "  stscreds exec -p dev --server -- java -jar long-running-app.jar"})
public final class ExecCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    @Option(names = "--server", description = "Give the command a local credential server instead of the keys.")
    boolean server;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (after --).")
    List<String> command;

    @Override
    public Integer call() throws InterruptedException {
        String name = profile.profile(root);
        Map<String, String> parent = root.settings().environment();
        ExecEnvironment.refuseNesting(parent, name);
        Optional<String> region = Regions.forProfile(root.settings(), name);
        if (!server) return run(ExecEnvironment.build(parent, profile.resolve(root), name, region));
        try (CredentialServer endpoint = CredentialServer.builder(profile.provider(root)).clock(root.clock())
                .requireSessionFirst().start()) {
            return run(ExecEnvironment.buildForServer(parent, endpoint.clientEnvironment(), name, region));
        }
    }

    private int run(Map<String, String> env) throws InterruptedException {
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
