package dev.stscreds.cli.command;

import dev.stscreds.CredentialsException;
import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.resolve.SamlSignIn;
import dev.stscreds.saml.SamlRole;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds saml login}: trade a SAMLResponse for the profile's role session and cache it. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Sign in to a SAML profile's role: the assertion is checked (well-formed, not expired, meant for AWS,",
            "offering the role), traded with AssumeRoleWithSAML and the session cached for every other command."},
        footerHeading = "%nExamples:%n",
        footer = {"  stscreds saml login -p corp --saml-assertion-file response.b64",
            "  get-saml-response | stscreds saml login -p corp --saml-assertion-file -"})
public final class SamlLoginCommand implements Callable<Integer> {
    /** A SAMLResponse is a few kilobytes; more is not one. */
    private static final int MAX_ASSERTION_BYTES = 1024 * 1024;

    @ParentCommand
    SamlCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profileOptions;

    @Option(names = "--saml-assertion-file", paramLabel = "FILE", required = true,
            description = "A file holding a base64 SAMLResponse obtained elsewhere, or - for standard input.")
    String assertionFile;

    @Override
    public Integer call() {
        var root = parent.root();
        String profile = profileOptions.profile(root);
        boolean fromStdin = assertionFile.equals("-");
        String response = read(fromStdin);
        // A picker needs a terminal, and standard input free of the assertion.
        Console console = System.console();
        SamlSignIn.RoleChooser chooser = !fromStdin && console != null && root.terminal().stderrIsTty()
                ? offered -> pick(offered, console) : null;
        SamlSignIn.Result result = new SamlSignIn(root.settings(), root.clock(), profileOptions.context(root).options())
                .signIn(profile, response, chooser);
        spec.commandLine().getErr().println("Signed in to " + result.role().roleArn() + " for profile " + profile
                + "; the session lasts until " + result.credentials().expiration().map(Object::toString).orElse("?") + ".");
        return ExitCodes.OK;
    }

    private String read(boolean fromStdin) {
        String where = fromStdin ? "standard input" : assertionFile;
        try (InputStream in = fromStdin ? System.in : Files.newInputStream(Path.of(assertionFile))) {
            byte[] bytes = in.readNBytes(MAX_ASSERTION_BYTES + 1);
            if (bytes.length > MAX_ASSERTION_BYTES) {
                throw new CredentialsException("the SAML assertion in " + where + " is larger than 1 MiB",
                        "give the base64 SAMLResponse alone");
            }
            String text = new String(bytes, StandardCharsets.US_ASCII).strip();
            if (text.isEmpty()) throw new CredentialsException("there is no SAML assertion in " + where, "give the base64 SAMLResponse");
            return text;
        } catch (IOException e) {
            throw new CredentialsException("cannot read the SAML assertion from " + where + ": " + e.getClass().getSimpleName(),
                    "check that the file exists and is readable");
        }
    }

    private static SamlRole pick(List<SamlRole> offered, Console console) {
        for (int i = 0; i < offered.size(); i++) console.printf("  %d) %s%n", i + 1, offered.get(i));
        while (true) {
            String line = console.readLine("Role [1-%d]: ", offered.size());
            if (line == null) throw new CredentialsException("no role was chosen", "set role_arn in the profile");
            try {
                int n = Integer.parseInt(line.trim());
                if (n >= 1 && n <= offered.size()) return offered.get(n - 1);
            } catch (NumberFormatException e) {
                // asked again below
            }
            console.printf("Give a number from 1 to %d.%n", offered.size());
        }
    }
}
