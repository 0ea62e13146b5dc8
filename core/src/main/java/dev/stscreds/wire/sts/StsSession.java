package dev.stscreds.wire.sts;

import dev.stscreds.Credentials;
import java.util.Optional;

/**
 * What STS hands back with a session: the credentials, the assumed-role user when there is one,
 * the expiry exactly as STS wrote it (for the AWS CLI's cache), and the request id.
 */
public record StsSession(
        Credentials credentials,
        String expirationText,
        Optional<String> assumedRoleId,
        Optional<String> assumedRoleArn,
        Optional<String> sourceIdentity,
        Optional<Integer> packedPolicySize,
        Optional<String> requestId) {

    /** The same session with its credentials relabelled or otherwise replaced. */
    public StsSession withCredentials(Credentials replacement) {
        return new StsSession(replacement, expirationText, assumedRoleId, assumedRoleArn, sourceIdentity, packedPolicySize, requestId);
    }

    @Override
    public String toString() {
        return "StsSession[" + credentials + assumedRoleArn.map(a -> ", " + a).orElse("") + "]";
    }
}
