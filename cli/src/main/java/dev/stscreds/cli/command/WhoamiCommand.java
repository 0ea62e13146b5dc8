package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.resolve.Networks;
import dev.stscreds.resolve.Regions;
import dev.stscreds.wire.sts.CallerIdentity;
import dev.stscreds.wire.sts.StsClient;
import dev.stscreds.wire.sts.StsEndpoints;
import java.util.Optional;
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
        StsEndpoints.Endpoint endpoint = StsEndpoints.resolve(root.settings(), root.endpointUrl(), Optional.empty(),
                Optional.empty(), Regions.forProfile(root.settings(), profile.profile(root)));
        CallerIdentity id = StsClient.create(endpoint.uri(), endpoint.signingRegion(), root.clock(),
                Networks.forProfile(root.settings(), Optional.of(profile.profile(root)))).getCallerIdentity(credentials);
        spec.commandLine().getOut().println("Account: " + id.account());
        spec.commandLine().getOut().println("Arn:     " + id.arn());
        spec.commandLine().getOut().println("UserId:  " + id.userId());
        return ExitCodes.OK;
    }
}
