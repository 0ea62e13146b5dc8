package dev.stscreds.cli;

import dev.stscreds.resolve.Networks;
import dev.stscreds.resolve.SsoConfigs;
import dev.stscreds.sso.SsoSessionConfig;
import dev.stscreds.wire.net.Network;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which IAM Identity Center login an {@code sso} command works on: an SSO profile's, or an {@code [sso-session]}'s. */
public final class SsoTargetOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE",
            description = "An SSO profile (default: AWS_PROFILE, then default); its sso-session or start URL is used.")
    String profile;

    @Option(names = "--sso-session", paramLabel = "NAME", description = "An [sso-session NAME] section of the config file.")
    String ssoSession;

    public SsoSessionConfig config(StscredsCommand root) {
        if (ssoSession != null) {
            if (profile != null) {
                throw new ParameterException(command.commandLine(), "give --profile or --sso-session, not both");
            }
            return SsoConfigs.forSession(root.settings(), ssoSession);
        }
        return SsoConfigs.forProfile(root.settings(), root.profileOrDefault(profile));
    }

    /** The proxies and CA bundle of the chosen profile (the environment's alone for an sso-session). */
    public Network network(StscredsCommand root) {
        return Networks.forProfile(root.settings(), ssoSession != null ? Optional.empty() : Optional.of(root.profileOrDefault(profile)));
    }
}
