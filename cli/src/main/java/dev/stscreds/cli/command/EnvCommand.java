package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.SessionOptions;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.output.CredentialsFormat;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds env} and {@code stscreds export}: the credentials as variables for a shell or a file. */
@Command(
        name = "env",
        aliases = "export",
        mixinStandardHelpOptions = true,
        description = "Print the profile's credentials as environment variables (with AWS_CREDENTIAL_EXPIRATION and the region).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  eval \"$(stscreds export --profile dev)\"",
            "  stscreds env -p dev --format fish | source",
            "  stscreds env -p dev --format json",
            "  stscreds env -p dev --format powershell | Invoke-Expression"
        })
public final class EnvCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    @Mixin
    SessionOptions session;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "As aws configure export-credentials names them: process, env (export lines), env-no-export"
                    + " (also dotenv), powershell, windows-cmd, fish; and json, ini. Default: env-no-export; env for"
                    + " the export alias.")
    String format;

    /** "export" when called by that alias, so that {@code stscreds export} prints export lines. */
    private String invokedAs() {
        for (String arg : spec.commandLine().getParseResult().originalArgs()) {
            if (arg.equals("env") || arg.equals("export")) return arg;
        }
        return "env";
    }

    @Override
    public Integer call() {
        CredentialsFormat f = format != null
                ? CredentialsFormat.named(format).orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "unknown --format " + format + "; use one of " + Arrays.stream(CredentialsFormat.values())
                                .map(CredentialsFormat::formatName).collect(Collectors.joining(", "))))
                : invokedAs().equals("export") ? CredentialsFormat.ENV : CredentialsFormat.ENV_NO_EXPORT;
        var credentials = profile.resolve(root, session);
        String name = profile.profile(root);
        spec.commandLine().getOut().print(f.render(credentials, profile.region(root), name));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
