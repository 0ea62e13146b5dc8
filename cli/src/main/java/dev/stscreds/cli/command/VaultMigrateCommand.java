package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.vault.KeyStores;
import dev.stscreds.vault.PassphraseSource;
import dev.stscreds.vault.VaultKeyStore;
import dev.stscreds.vault.VaultMigration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds vault migrate}: move every key from one backend to another. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Move every profile's keys and every private key from one vault backend to another.",
            "The source is emptied only after every copy succeeded and read back the same."},
        footerHeading = "%nExample:%n", footer = "  stscreds vault migrate --from file --to keyctl")
public final class VaultMigrateCommand implements Callable<Integer> {
    @ParentCommand
    VaultCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "KIND", description = "file, secret-service, pass or keyctl")
    String from;

    @Option(names = "--to", required = true, paramLabel = "KIND", description = "file, secret-service, pass or keyctl")
    String to;

    @Override
    public Integer call() {
        StscredsCommand root = (StscredsCommand) spec.parent().parent().userObject();
        PassphraseSource passphrases = PassphraseSource.standard(root.settings());
        try (VaultKeyStore source = KeyStores.open(from, root.settings(), passphrases);
             VaultKeyStore destination = KeyStores.open(to, root.settings(), passphrases)) {
            VaultMigration.Moved moved = VaultMigration.migrate(source, destination);
            spec.commandLine().getOut().println("Moved " + moved.profiles().size() + " profile(s) and "
                    + moved.privateKeys().size() + " private key(s) from " + source.describe() + " to " + destination.describe() + ".");
        }
        return ExitCodes.OK;
    }
}
