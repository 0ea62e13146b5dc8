package dev.stscreds.resolve;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.Property;
import dev.stscreds.config.Settings;
import dev.stscreds.refresh.RefreshingCredentialsProvider;
import dev.stscreds.source.ProcessCredentialsProvider;
import dev.stscreds.source.StaticCredentialsProvider;
import java.time.Clock;

/** Turns a profile's plan into the provider that resolves it. */
final class PlanProviders {
    private PlanProviders() {}

    static CredentialsProvider forPlan(ProfilePlan plan, Settings settings, Clock clock) {
        if (plan instanceof ProfilePlan.StaticKeys keys) {
            return StaticCredentialsProvider.of(staticCredentials(keys));
        }
        if (plan instanceof ProfilePlan.Process process) {
            Property command = process.command();
            ProcessCredentialsProvider upstream = ProcessCredentialsProvider.builder(command.value())
                    .source("credential_process in profile " + plan.profile().name() + " (" + command.location() + ")")
                    .environment(settings.environment())
                    .clock(clock)
                    .build();
            return RefreshingCredentialsProvider.builder(upstream).clock(clock).build();
        }
        return notSupportedYet(plan);
    }

    /** Why a plan cannot be resolved by this version, or empty when it can. */
    static java.util.Optional<String> unsupportedReason(ProfilePlan plan) {
        if (plan instanceof ProfilePlan.StaticKeys || plan instanceof ProfilePlan.Process) {
            return java.util.Optional.empty();
        }
        String what;
        if (plan instanceof ProfilePlan.AssumeRole role) {
            what = "assumes role " + role.roleArn().value() + " (" + role.roleArn().location() + ")";
        } else if (plan instanceof ProfilePlan.WebIdentity web) {
            what = "assumes role " + web.roleArn().value() + " with a web identity token (" + web.tokenFile().location() + ")";
        } else {
            what = "uses IAM Identity Center (SSO)";
        }
        return java.util.Optional.of("profile " + plan.profile().name() + " " + what
                + ", which needs STS; this version of stscreds does not support it yet");
    }

    static Credentials staticCredentials(ProfilePlan.StaticKeys keys) {
        String where = keys.accessKeyId().location().file().toString();
        return Credentials.builder()
                .accessKeyId(keys.accessKeyId().value())
                .secretAccessKey(keys.secretAccessKey().value())
                .sessionToken(keys.sessionToken().map(Property::value).orElse(null))
                .accountId(keys.profile().value("aws_account_id").orElse(null))
                .source("profile " + keys.profile().name() + " (" + where + ")")
                .build();
    }

    private static CredentialsProvider notSupportedYet(ProfilePlan plan) {
        String reason = unsupportedReason(plan).orElseThrow();
        return new CredentialsProvider() {
            @Override
            public Credentials resolve() {
                throw new CredentialsException(reason,
                        "use a profile with keys or credential_process for now, or resolve this profile with the AWS CLI");
            }

            @Override
            public String name() {
                return "profile " + plan.profile().name();
            }
        };
    }
}
