package dev.stscreds.cli.command;

import dev.stscreds.Secrets;
import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.keys.MfaSessions;
import dev.stscreds.mfa.MfaCodes;
import dev.stscreds.prompt.Prompts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds auth}: an MFA session from the vault's keys, written into the shared credentials file. */
@Command(
        name = "auth",
        mixinStandardHelpOptions = true,
        description = {
            "Trade the profile's long-term keys (in the vault) for an MFA session and write it into the profile.",
            "The session (GetSessionToken) goes into that profile of the shared credentials file. Only that profile's"
                + " keys change; every other byte of the file stays. The MFA device is the profile's mfa_serial, else"
                + " the user's only device in IAM."
        },
        footerHeading = "%nExample:%n",
        footer = "  stscreds auth --profile dev --mfa-token 123456 --duration 8h")
public final class AuthCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", description = "The profile (default: AWS_PROFILE, then default).")
    String profile;

    @Option(names = "--mfa-token", paramLabel = "CODE", description = "The current MFA code (else asked on the terminal).")
    String mfaToken;

    @Option(names = "--duration", paramLabel = "DURATION", description = "How long the session lasts, e.g. 900s, 90m, 12h (STS default: 12h).")
    String duration;

    @Override
    public Integer call() {
        String name = root.profileOrDefault(profile);
        var codes = MfaCodes.checked(mfaToken != null ? MfaCodes.explicit(mfaToken)
                : Prompts.forSettings(root.settings()).mfaCodes());
        MfaSessions.Started started = MfaSessions.start(root.settings(), root.clock(), root.vault(), name, codes,
                root.endpointUrl(), duration == null ? null : parseDuration(duration));
        Path file = MfaSessions.writeToCredentialsFile(root.settings(), name, started.session());
        spec.commandLine().getOut().println("Wrote an MFA session (" + started.serialNumber() + ") for profile " + name
                + " into " + file + ": " + Secrets.maskKeyId(started.session().credentials().accessKeyId())
                + ", expires " + started.session().credentials().expiration().orElseThrow() + ".");
        return ExitCodes.OK;
    }

    private Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                default: return Duration.ofSeconds(Long.parseLong(t));
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--duration " + text + " is not a duration; write e.g. 900s, 90m or 12h");
        }
    }
}
