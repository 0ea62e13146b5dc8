package dev.stscreds.resolve;

import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.Settings;
import dev.stscreds.mfa.MfaCodes;
import dev.stscreds.prompt.Prompts;
import dev.stscreds.source.AssumeRoleCredentialsProvider;
import dev.stscreds.wire.sts.AssumeRoleRequest;
import java.time.Clock;

/**
 * A role named only by its ARN, assumed with a profile's credentials through the profile's STS
 * endpoint, and refreshed: what {@code serve --allow-role-arn} hands out for {@code /role-arn/ARN}.
 */
public final class RolesByArn {
    private RolesByArn() {}

    public static CredentialsProvider assumedWith(Settings settings, String profileName, String roleArn, Clock clock,
                                                  ResolveOptions options) {
        return assumedWith(ProfileContext.create(settings, clock, options), profileName, roleArn);
    }

    public static CredentialsProvider assumedWith(ProfileContext context, String profileName, String roleArn) {
        Clock clock = context.clock();
        CredentialsProvider source = context.provider(profileName);
        AssumeRoleRequest request = AssumeRoleRequest.builder(roleArn)
                .roleSessionName("stscreds-" + profileName.replaceAll("[^\\w+=,.@-]", "-") + "-" + clock.millis()).build();
        AssumeRoleCredentialsProvider assume = new AssumeRoleCredentialsProvider(context.sts(profileName), source, request,
                MfaCodes.checked(Prompts.forSettings(context.settings()).mfaCodes()), profileName);
        return context.options().refreshing(assume).clock(clock).name("role " + roleArn + " with profile " + profileName)
                .build();
    }
}
