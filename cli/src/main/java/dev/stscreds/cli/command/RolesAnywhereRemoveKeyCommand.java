package dev.stscreds.cli.command;

import dev.stscreds.CredentialsException;
import dev.stscreds.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds roles-anywhere remove-key NAME}: forget a private key kept in the vault. */
@Command(name = "remove-key", mixinStandardHelpOptions = true,
        description = "Remove a private key imported with roles-anywhere import-key from the stscreds vault.",
        footerHeading = "%nExample:%n", footer = "  stscreds roles-anywhere remove-key host-7")
public final class RolesAnywhereRemoveKeyCommand implements Callable<Integer> {
    @ParentCommand
    RolesAnywhereCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The name the key was imported under.")
    String name;

    @Override
    public Integer call() {
        var vault = parent.root().vault();
        if (!vault.removePrivateKey(name)) {
            throw new CredentialsException("there is no private key " + name + " in " + vault.describe(),
                    "the keys kept there: " + (vault.privateKeyNames().isEmpty() ? "none" : String.join(", ", vault.privateKeyNames())));
        }
        spec.commandLine().getOut().println("Removed the private key " + name + " from " + vault.describe() + ".");
        return ExitCodes.OK;
    }
}
