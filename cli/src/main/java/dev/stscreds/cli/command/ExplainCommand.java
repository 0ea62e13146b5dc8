package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.cli.render.ExplanationText;
import dev.stscreds.resolve.Explainer;
import dev.stscreds.resolve.Explanation;
import dev.stscreds.resolve.ExplanationJson;
import dev.stscreds.resolve.ResolveOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stscreds explain}: how a profile or the default chain resolves, and why. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Explain how credentials are found: which source answers and why the others were skipped.",
            "Also which file:line each profile key came from, and when the credentials expire.",
            "Without --profile the default chain is explained (its profile source uses AWS_PROFILE, then default).",
            "No network call is made and no process is run unless --resolve is given. Secrets are never shown."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  stscreds explain                          # the default chain, statically",
            "  stscreds explain --profile dev --resolve  # resolve profile dev for real",
            "  stscreds explain -p admin --resolve --mfa-token 123456",
            "  stscreds explain -p dev --json | jq .keys"
        })
public final class ExplainCommand implements Callable<Integer> {

    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE",
            description = "Explain this profile alone instead of the default chain.")
    String profile;

    @Option(names = "--json", description = "Print the explanation as JSON.")
    boolean json;

    @Option(names = "--resolve", description = "Really resolve: ask endpoints, run credential_process, assume roles.")
    boolean resolve;

    @Option(names = "--mfa-token", paramLabel = "CODE",
            description = "The current MFA code, for a profile with mfa_serial (else mfa_process or a prompt on the terminal).")
    String mfaToken;

    @Override
    public Integer call() {
        ResolveOptions options = ResolveOptions.NONE.withMfaToken(mfaToken).withEndpointUrl(root.endpointUrl().orElse(null))
                .withKeyStore(root::vault);
        Explainer explainer = new Explainer(root.settings(), root.clock(), options);
        Explanation explanation = profile == null
                ? explainer.explainDefaultChain(resolve)
                : explainer.explainProfile(profile, resolve);
        if (json) {
            spec.commandLine().getOut().println(ExplanationJson.write(explanation));
        } else {
            spec.commandLine().getOut().print(ExplanationText.render(explanation, root.clock().instant(), root.outStyle()));
        }
        spec.commandLine().getOut().flush();
        return explanation.failure().isPresent() ? ExitCodes.NO_CREDENTIALS : ExitCodes.OK;
    }
}
