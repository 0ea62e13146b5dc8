package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.keys.PlaintextImport;
import java.util.concurrent.Callable;
import dev.stscreds.cli.ProfileName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds import}: move plaintext keys out of ~/.aws/credentials into the vault. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Move the profile's plaintext long-term keys from the shared credentials file into the vault.",
            "Its config section gets credential_process = stscreds credential-process --profile P, so every AWS tool"
                + " keeps working. A backup of the credentials file (with the moved secret blanked) is written first."
        },
        footerHeading = "%nExample:%n", footer = "  stscreds import --profile default")
public final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileName profile;

    @Override
    public Integer call() {
        String name = profile.of(root);
        String command = root.settings().environmentVariable("STSCREDS_COMMAND").orElse("stscreds");
        PlaintextImport.Result r = PlaintextImport.importProfile(root.settings(), root.clock(), root.vault(), name, command);
        var out = spec.commandLine().getOut();
        out.println("Moved the keys of profile " + name + " into " + root.vault().describe() + ".");
        out.println("  backup:  " + r.backup());
        out.println("  " + r.configFile() + ": credential_process = " + r.credentialProcess());
        return ExitCodes.OK;
    }
}
