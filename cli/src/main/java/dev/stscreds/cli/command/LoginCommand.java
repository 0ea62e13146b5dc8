package dev.stscreds.cli.command;

import dev.stscreds.cli.Browser;
import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.resolve.LoginSessions;
import dev.stscreds.signin.SigninLogin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds login}: signs in with the AWS console's credentials, as {@code aws login} does. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {
            "Sign in with your AWS console credentials, as `aws login` does: a browser opens the AWS sign-in page,"
                    + " and the session (15-minute credentials, renewed for up to 12 hours) is cached in"
                    + " ~/.aws/login/cache, where the AWS CLI and the SDKs find it too. The profile gets"
                    + " login_session (and a region when it has none).",
            "With --remote, for a machine without a browser: open the printed URL on any device, sign in, and"
                    + " type the code it shows.",
            "The console sign-in of earlier versions is `stscreds console`."},
        footerHeading = "%nExamples:%n",
        footer = {"  stscreds login", "  stscreds login --profile dev --region eu-west-1", "  stscreds login -p dev --remote"})
public final class LoginCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    @Option(names = "--remote", description = "Sign in on another device: print the URL, then read the code it shows.")
    boolean remote;

    @Option(names = {"--stdout", "--destination", "--federation-url", "--duration", "--console"}, hidden = true, arity = "0..1")
    String consoleOption;

    @Override
    public Integer call() {
        if (consoleOption != null) {
            throw new ParameterException(spec.commandLine(), "the console sign-in is now `stscreds console` (it takes --stdout,"
                    + " --destination, --federation-url and --duration); `stscreds login` signs in as `aws login` does");
        }
        String name = profile.profile(root);
        PrintWriter err = spec.commandLine().getErr();
        SigninLogin.Result result = LoginSessions.signIn(root.settings(), name, root.region(), root.clock(), remote,
                url -> show(url.toString(), err), () -> readCode(err));
        spec.commandLine().getOut().println("Signed in as " + result.loginSession() + "; profile " + name
                + " uses this session (credentials until " + result.token().expiresAt().truncatedTo(ChronoUnit.SECONDS)
                + ", renewed for up to 12 hours).");
        if (!name.equals("default")) spec.commandLine().getOut().println("Try: stscreds whoami --profile " + name);
        return ExitCodes.OK;
    }

    private void show(String url, PrintWriter err) {
        if (remote) {
            err.println("Open this URL on any device and sign in:");
            err.println();
            err.println(url);
            err.println();
            err.flush();
            return;
        }
        err.println("Opening the AWS sign-in page in your browser. If it does not open, open this URL on this machine");
        err.println("(or run again with --remote to sign in on another device):");
        err.println();
        err.println(url);
        err.println();
        if (!Browser.tryOpen(root.settings(), url)) err.println("No browser could be opened here.");
        err.println("Waiting for the sign-in…");
        err.flush();
    }

    private String readCode(PrintWriter err) {
        err.print("Enter the authorization code shown in the browser: ");
        err.flush();
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
