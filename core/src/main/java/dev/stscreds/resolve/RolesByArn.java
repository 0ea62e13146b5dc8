package dev.stscreds.resolve;

import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Settings;
import dev.stscreds.mfa.MfaCodes;
import dev.stscreds.prompt.Prompts;
import dev.stscreds.source.AssumeRoleCredentialsProvider;
import dev.stscreds.wire.sts.AssumeRoleRequest;
import dev.stscreds.wire.sts.StsClient;
import java.time.Clock;
import java.util.Optional;

/**
 * A role named only by its ARN, assumed with a profile's credentials through the profile's STS
 * endpoint, and refreshed: what {@code serve --allow-role-arn} hands out for {@code /role-arn/ARN}.
 */
public final class RolesByArn {
    private RolesByArn() {}

    public static CredentialsProvider assumedWith(Settings settings, String profileName, String roleArn, Clock clock,
                                                  ResolveOptions options) {
        ProfileSet profiles = ProfileSet.load(settings);
        Optional<Profile> profile = profiles.profile(profileName);
        StsClient sts = profile.map(p -> StsForProfile.client(p, profiles, settings, options, clock))
                .orElseGet(() -> StsForProfile.fromEnvironment(settings, options, clock));
        CredentialsProvider source = new ProfileCredentialsProvider(settings, profileName, clock, options);
        AssumeRoleRequest request = AssumeRoleRequest.builder(roleArn)
                .roleSessionName("stscreds-" + profileName.replaceAll("[^\\w+=,.@-]", "-") + "-" + clock.millis()).build();
        AssumeRoleCredentialsProvider assume = new AssumeRoleCredentialsProvider(sts, source, request,
                MfaCodes.checked(Prompts.forSettings(settings).mfaCodes()), profileName);
        return options.refreshing(assume).clock(clock).name("role " + roleArn + " with profile " + profileName)
                .build();
    }
}
