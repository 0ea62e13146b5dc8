package dev.stscreds.cli.command;

import dev.stscreds.cli.StscredsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds saml}: federated roles from a SAML identity provider. */
@Command(name = "saml", mixinStandardHelpOptions = true,
        description = {"Sign in to a role through a SAML identity provider (profiles with saml_idp_url).",
            "The session is cached in ~/.aws/cli/cache; every command then uses it."},
        subcommands = {SamlLoginCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  stscreds saml login -p corp --saml-assertion-file response.b64",
            "  stscreds credential-process --profile corp"})
public final class SamlCommand implements Runnable {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    StscredsCommand root() {
        return root;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
