package dev.stscreds.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stscreds vault}: work on the key stores themselves. */
@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "Work on the vault backends (file, secret-service, pass, keyctl).",
        subcommands = {VaultMigrateCommand.class},
        footerHeading = "%nExample:%n", footer = "  stscreds vault migrate --from file --to pass")
public final class VaultCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
