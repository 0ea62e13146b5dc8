package dev.stscreds.cli.command;

import dev.stscreds.cli.Browser;
import dev.stscreds.cli.DurationConverter;
import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.console.ConsoleSignIn;
import dev.stscreds.console.SignInRequest;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds console}: opens the AWS console as the profile's session (aws-vault's {@code login}). */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {
            "Open the AWS console signed in as the profile.",
            "A role session is used as it is; long-term keys are first traded for a federated session"
                    + " (sts:GetFederationToken, allowing what the user may do).",
            "The sign-in URL is a credential for 15 minutes: it is printed only with --stdout, and the browser is given a"
                    + " one-time 127.0.0.1 address that redirects to it once, so it is on no command line."},
        footerHeading = "%nExamples:%n",
        footer = {"  stscreds console -p admin", "  stscreds console -p admin --duration 4h --destination https://console.aws.amazon.com/s3/",
            "  stscreds console -p dev --stdout | xclip"})
public final class ConsoleCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    @Option(names = "--stdout", description = "Print the sign-in URL instead of opening a browser.")
    boolean stdout;

    @Option(names = "--destination", paramLabel = "URL",
            description = "The console page to open (default: the console home of the profile's region).")
    URI destination;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the console session lasts, 15m to 12h (default: AWS's, 1 hour for roles)."
                    + " Refused for role-chained profiles, as AWS refuses it.")
    Duration duration;

    @Option(names = "--federation-url", paramLabel = "URL",
            description = {"The federation endpoint; by default the one of the region's partition:",
                "https://signin.aws.amazon.com/federation"})
    URI federationUrl;

    @Override
    public Integer call() {
        var selection = profile.selection(root);
        var context = profile.context(root);
        ConsoleSignIn signIn = selection.isDefaultChain()
                ? ConsoleSignIn.of(context.provider(selection), context.sts(selection.profileName()), context.region(selection))
                : ConsoleSignIn.forProfile(context, selection.profileName());
        URI url = signIn.signInUrl(SignInRequest.DEFAULTS
                .withFederationEndpoint(federationUrl).withDestination(destination).withDuration(duration));
        if (stdout) {
            spec.commandLine().getOut().println(url);
        } else {
            Browser.openOnce(root.settings(), url,
                    "use --stdout to print the sign-in URL instead (it is a credential for 15 minutes: do not share it)");
            spec.commandLine().getErr().println("Opened the AWS console for profile " + profile.profile(root) + " in the browser.");
        }
        return ExitCodes.OK;
    }
}
