package dev.stscreds.source;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.mfa.MfaCodeSource;
import dev.stscreds.wire.sts.StsClient;
import dev.stscreds.wire.sts.StsSession;
import java.time.Duration;
import java.util.Objects;

/**
 * Trades long-term keys for a GetSessionToken session, with MFA when a serial number is given.
 * Every call is a new session (and code): wrap it in the refresh decorator.
 */
public final class SessionTokenCredentialsProvider implements CredentialsProvider {
    private final StsClient sts;
    private final CredentialsProvider longTermKeys;
    private final Duration duration;
    private final String serialNumber;
    private final MfaCodeSource mfa;
    private final String profile;

    /**
     * @param duration     null for STS's default (12 hours)
     * @param serialNumber the MFA device, or null for a session without MFA
     */
    public SessionTokenCredentialsProvider(StsClient sts, CredentialsProvider longTermKeys, Duration duration,
                                           String serialNumber, MfaCodeSource mfa, String profile) {
        this.sts = Objects.requireNonNull(sts);
        this.longTermKeys = Objects.requireNonNull(longTermKeys);
        this.duration = duration;
        this.serialNumber = serialNumber;
        this.mfa = Objects.requireNonNull(mfa);
        this.profile = Objects.requireNonNull(profile);
    }

    @Override
    public String name() {
        return "session token for profile " + profile;
    }

    @Override
    public Credentials resolve() {
        return session().credentials();
    }

    /** A new session with what STS said about it. */
    public StsSession session() {
        Credentials keys = longTermKeys.resolve();
        String code = serialNumber == null ? null : mfa.code(serialNumber, profile);
        StsSession s = sts.getSessionToken(keys, duration, serialNumber, code);
        Credentials labelled = s.credentials().withSource("profile " + profile + ": "
                + (serialNumber == null ? "session" : "MFA session (" + serialNumber + ")") + " via " + sts.endpoint());
        return new StsSession(labelled, s.expirationText(), s.assumedRoleId(), s.assumedRoleArn(), s.sourceIdentity(),
                s.packedPolicySize(), s.requestId());
    }
}
