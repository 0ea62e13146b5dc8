package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.resolve.ProfileListing;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds list}: profiles, where their keys live, and their sessions' expiry. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the profiles, where their credentials come from and when sessions written into them expire.",
        footerHeading = "%nExamples:%n", footer = {"  stscreds list", "  stscreds list --no-vault   # without opening the vault"})
public final class ListCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--no-vault", description = "Do not open the vault (no passphrase asked); profiles kept only there are not shown.")
    boolean noVault;

    @Override
    public Integer call() {
        Optional<Set<String>> vaultProfiles = noVault ? Optional.empty() : Optional.of(new HashSet<>(root.vault().profiles()));
        List<ProfileListing.Row> rows = ProfileListing.list(root.context(), vaultProfiles);
        int width = rows.stream().mapToInt(r -> r.profile().length()).max().orElse(7);
        var out = spec.commandLine().getOut();
        for (ProfileListing.Row r : rows) {
            out.println(String.format("%-" + width + "s  %s%s", r.profile(), r.source(),
                    r.sessionExpires().map(e -> "  (session expires " + e + ")").orElse("")));
        }
        if (rows.isEmpty()) out.println("No profiles. Add one with `stscreds init --profile NAME`.");
        return ExitCodes.OK;
    }
}
