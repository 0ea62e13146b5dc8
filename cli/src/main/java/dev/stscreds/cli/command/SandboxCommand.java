package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.cli.render.ExplanationText;
import dev.stscreds.cli.render.Style;
import dev.stscreds.cli.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds sandbox}: every way of finding credentials, against local endpoints, without AWS. */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = {
            "Try everything without AWS: local endpoints, demo profiles, each way of getting credentials, the commands.",
            "Starts local instance-metadata, container, STS/IAM and IAM Identity Center endpoints on 127.0.0.1, writes"
                + " demo profiles into a temporary home, resolves each way of getting credentials against them, then runs"
                + " init, auth, read, export, exec, curl and sso there.",
            "No AWS account is needed; your own ~/.aws and environment are neither read nor changed."
        },
        footerHeading = "%nExample:%n",
        footer = "  stscreds sandbox")
public final class SandboxCommand implements Callable<Integer> {

    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--keep",
            description = "Keep the endpoints running after the demo (until Ctrl-C) and print how to use them.")
    boolean keep;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Style style = root.outStyle();
        try (Sandbox sandbox = Sandbox.start(root.clock(), root.settings().environment())) {
            out.println("Sandbox home: " + sandbox.home() + " (removed at the end)\n");
            List<Sandbox.Scenario> scenarios = sandbox.run();
            int passed = 0;
            for (int i = 0; i < scenarios.size(); i++) {
                Sandbox.Scenario s = scenarios.get(i);
                out.println("=== " + (i + 1) + ". " + s.title() + " — expected: " + s.expectedSource()
                        + (s.passed() ? " " + style.green("✔") : " " + style.red("✘")));
                out.println(ExplanationText.render(s.explanation(), root.clock().instant(), root.outStyle()));
                if (s.passed()) passed++;
            }
            int steps = 0;
            int stepsPassed = 0;
            for (Sandbox.FlowStep step : sandbox.flow()) {
                steps++;
                out.println("=== " + (scenarios.size() + steps) + ". " + step.title());
                out.println("$ stscreds " + step.args().stream().map(SandboxCommand::shellQuoted).collect(Collectors.joining(" ")));
                out.flush();
                ByteArrayOutputStream stepOut = new ByteArrayOutputStream();
                int code = StscredsCommand.run(step.args().toArray(String[]::new), sandbox.flowSettings(step.extraEnvironment()),
                        root.clock(), new PrintStream(stepOut, true, StandardCharsets.UTF_8), new PrintStream(stepOut, true, StandardCharsets.UTF_8));
                out.println(stepOut.toString(StandardCharsets.UTF_8).stripTrailing());
                out.println(code == 0 ? style.green("✔") + "\n" : style.red("✘ exit code " + code) + "\n");
                if (code == 0) stepsPassed++;
            }
            int total = scenarios.size() + steps;
            int ok = passed + stepsPassed;
            out.println(ok + " passed, " + (total - ok) + " failed");
            if (keep) {
                out.println("\nThe sandbox keeps running until Ctrl-C. From another shell:");
                sandbox.howToUse().forEach(line -> out.println("  " + line));
                out.flush();
                // Ctrl-C ends the JVM without leaving this block: the hook stops the servers and removes the home.
                Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "stscreds-sandbox-stop"));
                Thread.currentThread().join();
            }
            out.flush();
            return ok == total ? ExitCodes.OK : ExitCodes.NO_CREDENTIALS;
        }
    }

    /** An argument as a user would type it into a shell: quoted when it holds anything but plain characters. */
    static String shellQuoted(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_@%+=:,./-]+")) return arg;
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
