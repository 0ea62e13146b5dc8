package dev.stscreds.cli.command;

import dev.stscreds.cli.Browser;
import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.SsoTargetOptions;
import dev.stscreds.config.Settings;
import dev.stscreds.sso.DeviceAuthorization;
import dev.stscreds.sso.Sleeper;
import dev.stscreds.sso.SsoSession;
import dev.stscreds.sso.SsoSessionConfig;
import dev.stscreds.sso.SsoToken;
import dev.stscreds.sso.SsoTokenCache;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds sso login}: the device code sign-in; the token goes to the AWS CLI's cache. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Sign in to IAM Identity Center: shows a URL and a code to confirm in a browser (opened for you"
            + " when there is a desktop), waits for the sign-in, and caches the token in ~/.aws/sso/cache, where the AWS CLI"
            + " and the SDKs find it too.",
        footerHeading = "%nExamples:%n",
        footer = {"  stscreds sso login --sso-session corp",
            "  stscreds sso login --profile dev --no-browser"})
public final class SsoLoginCommand implements Callable<Integer> {
    @ParentCommand
    SsoCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    SsoTargetOptions target;

    @Option(names = "--no-browser", description = "Only print the URL and code; do not open a browser.")
    boolean noBrowser;

    @Override
    public Integer call() {
        var root = parent.root();
        SsoSessionConfig config = target.config(root);
        PrintWriter err = spec.commandLine().getErr();
        SsoSession session = new SsoSession(config, SsoTokenCache.forSettings(root.settings()), root.clock(),
                target.network(root));
        SsoToken token = session.login(authorization -> show(authorization, err, root.settings()), Sleeper.system());
        spec.commandLine().getOut().println("Logged in to " + config.startUrl() + " (" + config.describe() + "); the token is good until "
                + token.expiresAt().truncatedTo(ChronoUnit.SECONDS) + ".");
        return ExitCodes.OK;
    }

    private void show(DeviceAuthorization a, PrintWriter err, Settings settings) {
        // The code first: opening a browser may take seconds, and the user needs the code to check it.
        err.println("Open " + a.verificationUriComplete());
        err.println("and check that it shows the code " + a.userCode() + ", then allow the access.");
        err.println("(Or open " + a.verificationUri() + " and type the code.)");
        err.flush();
        if (!noBrowser && Browser.tryOpen(settings, a.verificationUriComplete())) err.println("A browser is opening it.");
        err.println("Waiting for the sign-in…");
        err.flush();
    }
}
