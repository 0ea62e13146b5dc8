package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.wire.sts.CallerIdentity;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds whoami}: GetCallerIdentity with the profile's credentials. */
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Show whom the profile's credentials belong to (sts:GetCallerIdentity).",
        footerHeading = "%nExample:%n", footer = "  stscreds whoami --profile dev")
public final class WhoamiCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    @Override
    public Integer call() {
        var credentials = profile.resolve(root);
        // The STS that resolution used for this profile: its [services], endpoint_url and region.
        CallerIdentity id = profile.context(root).sts(profile.profile(root)).getCallerIdentity(credentials);
        spec.commandLine().getOut().println("Account: " + id.account());
        spec.commandLine().getOut().println("Arn:     " + id.arn());
        spec.commandLine().getOut().println("UserId:  " + id.userId());
        return ExitCodes.OK;
    }
}
