package dev.stscreds.cli;

import picocli.CommandLine.Option;

/** The {@code -p/--profile} option of commands that take no MFA code. */
public final class ProfileName {
    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", description = "The profile (default: AWS_PROFILE, then default).")
    String profile;

    public String of(StscredsCommand root) {
        return root.profileOrDefault(profile);
    }
}
