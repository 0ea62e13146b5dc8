package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.cli.render.ExplanationText;
import dev.stscreds.cli.sandbox.Sandbox;
import java.io.PrintWriter;
import java.util.List;
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
            "Start local instance-metadata and container endpoints on 127.0.0.1, write demo profiles",
            "into a temporary home, and resolve each way of getting credentials against them.",
            "No AWS account is needed; your own ~/.aws and environment are neither read nor changed."
        },
        footerHeading = "%nExample:%n",
        footer = "  stscreds sandbox")
public final class SandboxCommand implements Callable<Integer> {

    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Sandbox sandbox = Sandbox.start(root.clock(), root.settings().environment())) {
            out.println("Sandbox home: " + sandbox.home() + " (removed at the end)\n");
            List<Sandbox.Scenario> scenarios = sandbox.run();
            int passed = 0;
            for (int i = 0; i < scenarios.size(); i++) {
                Sandbox.Scenario s = scenarios.get(i);
                out.println("=== " + (i + 1) + ". " + s.title() + " — expected: " + s.expectedSource()
                        + (s.passed() ? " ✔" : " ✘"));
                out.println(ExplanationText.render(s.explanation(), root.clock().instant()));
                if (s.passed()) passed++;
            }
            out.println(passed + " passed, " + (scenarios.size() - passed) + " failed");
            out.flush();
            return passed == scenarios.size() ? ExitCodes.OK : ExitCodes.NO_CREDENTIALS;
        }
    }
}
