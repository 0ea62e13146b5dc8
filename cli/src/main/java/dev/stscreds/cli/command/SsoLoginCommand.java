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
import dev.stscreds.signin.SigninLogin;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stscreds sso login}: the authorization code sign-in with PKCE and a loopback redirect (as the AWS
 * CLI v2 does for sso-session profiles), or the device code sign-in; the token goes to the AWS CLI's cache.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Sign in to IAM Identity Center and cache the token in ~/.aws/sso/cache, where the AWS CLI and the"
            + " SDKs find it too.",
            "An sso-session profile signs in in a browser on this machine, which comes back to"
            + " http://127.0.0.1:PORT/oauth/callback (authorization code with PKCE). A legacy profile, --use-device-code,"
            + " --no-browser, or a machine where no browser can be opened (an SSH session, no display) use the device code:"
            + " a URL and a code to confirm in any browser."},
        footerHeading = "%nExamples:%n",
        footer = {"  stscreds sso login --sso-session corp",
            "  stscreds sso login --profile dev --use-device-code"})
public final class SsoLoginCommand implements Callable<Integer> {
    @ParentCommand
    SsoCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    SsoTargetOptions target;

    @Option(names = "--no-browser", description = "Do not open a browser: print the device code's URL and code.")
    boolean noBrowser;

    @Option(names = "--use-device-code", description = "Sign in with the device code (a URL and a code to confirm in any browser).")
    boolean useDeviceCode;

    @Override
    public Integer call() {
        var root = parent.root();
        SsoSessionConfig config = target.config(root);
        PrintWriter err = spec.commandLine().getErr();
        SsoSession session = new SsoSession(config, SsoTokenCache.forSettings(root.settings()), root.clock(),
                target.network(root));
        SsoToken token;
        boolean browserHere = !noBrowser && Browser.canOpen(root.settings());
        if (config.sessionName().isPresent() && !useDeviceCode && browserHere) {
            token = session.loginWithBrowser(url -> showAndOpen(url.toString(), err, root.settings()),
                    SigninLogin.BROWSER_TIMEOUT, new SecureRandom());
        } else {
            if (config.sessionName().isPresent() && !useDeviceCode && !noBrowser) {
                err.println("No browser can be opened here (no BROWSER, desktop display or WSL): signing in with a device code.");
            }
            token = session.login(authorization -> show(authorization, err, root.settings()), Sleeper.system());
        }
        spec.commandLine().getOut().println("Logged in to " + config.startUrl() + " (" + config.describe() + "); the token is good until "
                + token.expiresAt().truncatedTo(ChronoUnit.SECONDS) + ".");
        return ExitCodes.OK;
    }

    private static void showAndOpen(String url, PrintWriter err, Settings settings) {
        err.println("Opening the IAM Identity Center sign-in in your browser. If it does not open, open this URL on this"
                + " machine (or run again with --use-device-code to sign in on another device):");
        err.println();
        err.println(url);
        err.println();
        err.flush();
        if (!Browser.tryOpen(settings, url)) err.println("The browser could not be started.");
        err.println("Waiting for the sign-in…");
        err.flush();
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
