package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.SessionOptions;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.exec.ExecEnvironment;
import dev.stscreds.resolve.ProfileContext;
import dev.stscreds.serve.CredentialServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds exec [PROFILE] [-- CMD ARGS]}: run a command, or a shell, with the profile's credentials in its environment. */
@Command(
        name = "exec",
        mixinStandardHelpOptions = true,
        description = {
            "Run a command with the profile's credentials (and region and expiry) in its environment; with no command,"
                + " open $SHELL (else /bin/sh).",
            "The profile is the first argument or --profile (else AWS_PROFILE, else the default chain). Other AWS"
                + " credential and profile variables are removed; STSCREDS_PROFILE is set to the profile (use it in"
                + " your prompt), and an exec inside it is refused unless --allow-nested.",
            "Long-term keys from the vault are first traded for a session (GetSessionToken) unless --no-session.",
            "The command's exit code is passed through; stopping stscreds stops the command.",
            "With --server the command gets no keys but a local container endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI and"
                + " its token) that serves fresh credentials for as long as it runs."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  stscreds exec dev -- aws s3 ls", "  stscreds exec dev", "  stscreds exec --profile dev --duration 2h -- terraform plan",
            "  stscreds exec dev --server -- java -jar long-running-app.jar"})
public final class ExecCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    @Mixin
    SessionOptions session;

    @Option(names = "--server", description = "Give the command a local credential server instead of the keys.")
    boolean server;

    @Option(names = "--allow-nested",
            description = "Run even inside another stscreds exec (its profile's variables are replaced by this one's).")
    boolean allowNested;

    @Parameters(arity = "0..*", paramLabel = "[PROFILE] [-- COMMAND ARGS]",
            description = "The profile, then the command and its arguments after -- (no command: $SHELL).")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        List<String> command = splitProfileAndCommand();
        ProfileContext.Selection selection = profile.selection(root);
        String name = selection.profileName();
        Map<String, String> parent = root.settings().environment();
        if (!allowNested) ExecEnvironment.refuseNesting(parent, name);
        Map<String, String> outer = ExecEnvironment.leaveOuter(parent);
        Optional<String> region = profile.region(root);
        if (command.isEmpty()) command = List.of(shell());
        if (!server) return run(command, ExecEnvironment.build(outer, profile.resolve(root, session), name, region));
        try (CredentialServer endpoint = CredentialServer.builder(profile.provider(root, session)).clock(root.clock())
                .requireSessionFirst().start()) {
            return run(command, ExecEnvironment.buildForServer(outer, endpoint.clientEnvironment(), name, region));
        }
    }

    /**
     * aws-vault's rule: the words before {@code --} are the profile (unless --profile names it) and
     * then the command; the words after {@code --} are the command.
     */
    private List<String> splitProfileAndCommand() {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int dashes = original.indexOf("--");
        int afterDashes = dashes < 0 ? 0 : original.size() - dashes - 1;
        List<String> before = new ArrayList<>(words.subList(0, words.size() - afterDashes));
        List<String> command = new ArrayList<>(words.subList(words.size() - afterDashes, words.size()));
        if (profile.given() == null && !before.isEmpty()) profile.defaultProfile(before.remove(0));
        if (!before.isEmpty()) {
            if (!command.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "exec takes one profile before --, not "
                        + String.join(" ", before) + " too; put the whole command after --");
            }
            command = before;
        }
        return command;
    }

    /** The user's shell, as aws-vault opens it: $SHELL, else /bin/sh. */
    private String shell() {
        return root.settings().environmentVariable("SHELL").orElse("/bin/sh");
    }

    private int run(List<String> command, Map<String, String> env) throws InterruptedException {
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
