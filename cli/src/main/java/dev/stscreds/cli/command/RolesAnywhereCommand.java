package dev.stscreds.cli.command;

import dev.stscreds.cli.StscredsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds roles-anywhere}: temporary credentials from an X.509 certificate through IAM Roles Anywhere. */
@Command(name = "roles-anywhere", mixinStandardHelpOptions = true,
        description = {"Get temporary credentials of a role from IAM Roles Anywhere with an X.509 certificate and its key.",
            "The flags are those of aws_signing_helper, so its credential_process lines move over unchanged."},
        subcommands = {RolesAnywhereCredentialProcessCommand.class, RolesAnywhereImportKeyCommand.class,
            RolesAnywhereRemoveKeyCommand.class},
        footerHeading = "%nExample (in ~/.aws/config):%n",
        footer = {"  [profile onprem]",
            "  credential_process = stscreds roles-anywhere credential-process",
            "      --certificate /etc/pki/ra/cert.pem --private-key /etc/pki/ra/key.pem",
            "      --trust-anchor-arn arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/TA-ID",
            "      --profile-arn arn:aws:rolesanywhere:eu-west-1:111122223333:profile/PROFILE-ID",
            "      --role-arn arn:aws:iam::111122223333:role/OnPrem",
            "  (all on one line)"})
public final class RolesAnywhereCommand implements Runnable {
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
