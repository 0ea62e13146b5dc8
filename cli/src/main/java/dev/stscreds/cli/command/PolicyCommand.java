package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.keys.MfaPolicy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds policy}: the MFA-enforcing IAM policy for this user. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Print an IAM policy that denies everything without MFA except what getting an MFA session needs.",
            "The user is --user-arn, else the profile's user (iam:GetUser)."},
        footerHeading = "%nExample:%n",
        footer = "  stscreds policy -p dev > mfa.json && aws iam put-user-policy --user-name jon --policy-name mfa --policy-document file://mfa.json")
public final class PolicyCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    @Option(names = "--user-arn", paramLabel = "ARN", description = "The IAM user, e.g. arn:aws:iam::123456789012:user/jon.")
    String userArn;

    @Override
    public Integer call() {
        String name = profile.profile(root);
        String arn = userArn != null ? userArn
                : profile.context(root).iam(name).getUser(profile.resolve(root), null).arn();
        spec.commandLine().getOut().print(MfaPolicy.forUser(arn));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
