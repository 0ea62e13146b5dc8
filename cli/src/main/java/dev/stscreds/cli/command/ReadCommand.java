package dev.stscreds.cli.command;

import dev.stscreds.Credentials;
import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.StscredsCommand;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds read KEY}: one value of the profile's credentials, refreshed when needed. */
@Command(
        name = "read",
        mixinStandardHelpOptions = true,
        description = "Print one value of the profile's credentials, refreshing them (and asking for an MFA code) when needed.",
        footerHeading = "%nExample:%n",
        footer = "  export AWS_ACCESS_KEY_ID=$(stscreds read aws_access_key_id --profile dev)")
public final class ReadCommand implements Callable<Integer> {
    /** The keys that can be read, as they are named in a credentials file. */
    enum Key { aws_access_key_id, aws_secret_access_key, aws_session_token, expiration }

    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    @Parameters(paramLabel = "KEY", description = "aws_access_key_id, aws_secret_access_key, aws_session_token or expiration")
    Key key;

    @Override
    public Integer call() {
        Credentials c = profile.resolve(root);
        String value = switch (key) {
            case aws_access_key_id -> c.accessKeyId();
            case aws_secret_access_key -> c.secretAccessKey();
            case aws_session_token -> c.sessionToken().orElse("");
            case expiration -> c.expiration().map(DateTimeFormatter.ISO_INSTANT::format).orElse("");
        };
        spec.commandLine().getOut().println(value);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
