package dev.stscreds.cli.command;

import dev.stscreds.CredentialsException;
import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.StscredsCommand;
import java.util.concurrent.Callable;
import dev.stscreds.cli.ProfileName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds remove}: delete a profile's long-term keys from the vault. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Delete the profile's long-term keys from the vault (the key itself stays active in IAM).",
        footerHeading = "%nExample:%n", footer = "  stscreds remove --profile old-project")
public final class RemoveCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileName profile;

    @Override
    public Integer call() {
        String name = profile.of(root);
        if (!root.vault().remove(name)) {
            throw new CredentialsException("profile " + name + " has no keys in " + root.vault().describe(),
                    "`stscreds list` shows the profiles that have");
        }
        spec.commandLine().getOut().println("Removed the keys of profile " + name + " from " + root.vault().describe() + ".");
        return ExitCodes.OK;
    }
}
