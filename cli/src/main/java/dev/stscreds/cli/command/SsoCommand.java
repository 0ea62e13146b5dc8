package dev.stscreds.cli.command;

import dev.stscreds.cli.StscredsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds sso}: IAM Identity Center logins and the profiles they serve. */
@Command(name = "sso", mixinStandardHelpOptions = true,
        description = {"Log in to AWS IAM Identity Center (SSO) and manage the profiles it serves.",
            "Tokens live in ~/.aws/sso/cache, shared with the AWS CLI and the AWS SDKs."},
        subcommands = {SsoLoginCommand.class, SsoProfilesCommand.class, SsoLogoutCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  stscreds sso login --sso-session corp",
            "  stscreds sso profiles --sso-session corp --write",
            "  stscreds credential-process --profile dev-ReadOnly"})
public final class SsoCommand implements Runnable {
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
