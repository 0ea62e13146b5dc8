package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.keys.KeyRotation;
import dev.stscreds.resolve.Networks;
import dev.stscreds.resolve.Regions;
import dev.stscreds.wire.iam.IamEndpoints;
import dev.stscreds.wire.sts.StsClient;
import dev.stscreds.wire.sts.StsEndpoints;
import java.util.Optional;
import java.util.concurrent.Callable;
import dev.stscreds.cli.ProfileName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds rotate}: replace the profile's access key in IAM and in the vault. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Replace the profile's access key: create a new one, store it, check it works, delete the old one.",
            "On any failure the working key stays in the vault."},
        footerHeading = "%nExample:%n", footer = "  stscreds rotate --profile dev")
public final class RotateCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileName profile;

    @Override
    public Integer call() {
        String name = profile.of(root);
        Optional<String> region = Regions.forProfile(root.settings(), name);
        StsEndpoints.Endpoint sts = StsEndpoints.resolve(root.settings(), root.endpointUrl(), Optional.empty(), Optional.empty(), region);
        StsClient stsClient = StsClient.create(sts.uri(), sts.signingRegion(), root.clock(),
                Networks.forProfile(root.settings(), Optional.of(name)));
        KeyRotation.Result r = KeyRotation.rotate(root.vault(), name, IamEndpoints.client(root.settings(), root.endpointUrl(), region, root.clock()),
                stsClient::getCallerIdentity, d -> Thread.sleep(d.toMillis()));
        spec.commandLine().getOut().println("Rotated profile " + name + ": " + r.oldKeyId() + " deleted, " + r.newKeyId() + " stored.");
        return ExitCodes.OK;
    }
}
