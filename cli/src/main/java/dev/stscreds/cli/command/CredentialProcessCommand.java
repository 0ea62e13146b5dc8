package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.SessionOptions;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.output.CredentialsFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds credential-process}: the JSON that {@code credential_process} callers read. */
@Command(
        name = "credential-process",
        mixinStandardHelpOptions = true,
        description = {
            "Print the profile's credentials as the credential_process JSON (Version 1), for any AWS tool.",
            "In ~/.aws/config:",
            "  credential_process = stscreds credential-process --profile dev",
            "Sessions stscreds makes are handed out with at least 15 minutes left, so callers do not run it again at once.",
            "MFA codes are asked on the terminal (/dev/tty), never on stderr, which callers hide."
        },
        footerHeading = "%nExample:%n",
        footer = "  printf '[profile app]\\ncredential_process = stscreds credential-process --profile dev\\n' >> ~/.aws/config")
public final class CredentialProcessCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    @Mixin
    SessionOptions session;

    @Override
    public Integer call() {
        var credentials = profile.resolve(root, session);
        spec.commandLine().getOut().print(CredentialsFormat.PROCESS.render(credentials, Optional.empty(), profile.profile(root)));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
