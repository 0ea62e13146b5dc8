package dev.stscreds.source;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.mfa.MfaCodeSource;
import dev.stscreds.wire.sts.AssumeRoleRequest;
import dev.stscreds.wire.sts.StsClient;
import dev.stscreds.wire.sts.StsSession;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Assumes a role with the credentials of a source provider. Every call is a new session (and,
 * with {@code mfa_serial}, a new MFA code): wrap it in the refresh decorator.
 */
public final class AssumeRoleCredentialsProvider implements CredentialsProvider {
    private final Supplier<StsClient> sts;
    private final CredentialsProvider source;
    private final AssumeRoleRequest request;
    private final MfaCodeSource mfa;
    private final String profile;

    /**
     * @param mfa     asked for a code only when the request has a serial number
     * @param profile the profile this role belongs to, for prompts and labels
     */
    public AssumeRoleCredentialsProvider(StsClient sts, CredentialsProvider source, AssumeRoleRequest request,
                                         MfaCodeSource mfa, String profile) {
        this(() -> sts, source, request, mfa, profile);
    }

    /** With the client made only when a session is really needed (a cached session needs none). */
    public AssumeRoleCredentialsProvider(Supplier<StsClient> sts, CredentialsProvider source, AssumeRoleRequest request,
                                         MfaCodeSource mfa, String profile) {
        this.sts = Objects.requireNonNull(sts);
        this.source = Objects.requireNonNull(source);
        this.request = Objects.requireNonNull(request);
        this.mfa = Objects.requireNonNull(mfa);
        this.profile = Objects.requireNonNull(profile);
    }

    @Override
    public String name() {
        return "assume role " + request.roleArn();
    }

    @Override
    public Credentials resolve() {
        return assume().credentials();
    }

    /** A new session, with everything STS said about it (for the AWS CLI's cache). */
    public StsSession assume() {
        Credentials caller = source.resolve();
        String code = request.serialNumber().map(serial -> mfa.code(serial, profile)).orElse(null);
        StsClient client = sts.get();
        StsSession session = client.assumeRole(caller, request, code);
        Credentials labelled = session.credentials()
                .withSource("profile " + profile + ": role " + request.roleArn() + " via " + client.endpoint());
        return new StsSession(labelled, session.expirationText(), session.assumedRoleId(), session.assumedRoleArn(),
                session.sourceIdentity(), session.packedPolicySize(), session.requestId());
    }

    public AssumeRoleRequest request() {
        return request;
    }
}
