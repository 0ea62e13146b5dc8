package dev.stscreds.cli;

import dev.stscreds.resolve.ResolveOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long new sessions last, and whether vault keys are traded for one (aws-vault's --duration and --no-session). */
public final class SessionOptions {
    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a new session lasts, e.g. 900s, 90m, 12h (default: the role's duration_seconds,"
                    + " else STS's default).")
    Duration duration;

    @Option(names = {"-n", "--no-session"},
            description = "Hand out the vault's long-term keys themselves instead of a GetSessionToken session.")
    boolean noSession;

    ResolveOptions apply(ResolveOptions options) {
        return options.withDuration(duration).withSessionForVaultKeys(!noSession);
    }
}
