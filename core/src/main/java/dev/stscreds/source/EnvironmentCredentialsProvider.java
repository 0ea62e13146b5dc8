package dev.stscreds.source;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials from environment variables (SPEC §1): {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN} (or botocore's older
 * {@code AWS_SECURITY_TOKEN} when that is unset), {@code AWS_CREDENTIAL_EXPIRATION} and
 * {@code AWS_ACCOUNT_ID}. System properties are not read here. (When both tokens are set, botocore
 * takes {@code AWS_SECURITY_TOKEN}; the Java and Go SDKs read only {@code AWS_SESSION_TOKEN}, and
 * so does this class whenever it is set.)
 *
 * <p>{@code AWS_CREDENTIAL_EXPIRATION} is written by tools that start a shell with temporary
 * credentials ({@code stscreds exec}, aws-vault); once it has passed, the credentials are refused
 * rather than sent to AWS to fail there.
 */
public final class EnvironmentCredentialsProvider implements CredentialsProvider {
    static final String SOURCE = "environment";
    static final String LEGACY_SESSION_TOKEN = "AWS_SECURITY_TOKEN";

    private final Settings settings;
    private final Clock clock;

    public EnvironmentCredentialsProvider(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Credentials resolve() {
        Credentials credentials = KeyPair.require(
                        variable(Setting.ACCESS_KEY_ID), Setting.ACCESS_KEY_ID.environmentVariable(),
                        variable(Setting.SECRET_ACCESS_KEY), Setting.SECRET_ACCESS_KEY.environmentVariable(),
                        "the " + SOURCE)
                .sessionToken(sessionToken().orElse(null))
                .expiration(expiration().orElse(null))
                .accountId(variable(Setting.ACCOUNT_ID).orElse(null))
                .source(SOURCE)
                .build();
        Instant now = clock.instant();
        if (credentials.isExpiredAt(now)) {
            throw new CredentialsException(
                    "the credentials in the environment expired at " + credentials.expiration().orElseThrow()
                            + " (" + Setting.CREDENTIAL_EXPIRATION.environmentVariable() + "; it is now " + now + ")",
                    "they were set by a tool such as `stscreds exec`: leave that shell and run the tool again "
                            + "for fresh ones, or unset AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN "
                            + "and AWS_CREDENTIAL_EXPIRATION to use another source");
        }
        return credentials;
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public String toString() {
        return "EnvironmentCredentialsProvider";
    }

    private Optional<String> variable(Setting setting) {
        return settings.environmentVariable(setting);
    }

    private Optional<String> sessionToken() {
        return variable(Setting.SESSION_TOKEN).or(() -> settings.environmentVariable(LEGACY_SESSION_TOKEN));
    }

    private Optional<Instant> expiration() {
        // Timestamps names the variable in its error, and the value of an expiry is not a secret.
        String name = Setting.CREDENTIAL_EXPIRATION.environmentVariable();
        return variable(Setting.CREDENTIAL_EXPIRATION).map(text -> Timestamps.parseIso(text, name));
    }
}
