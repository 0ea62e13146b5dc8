package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.LoopbackHttp.Request;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Finds who signed a request: looks the access key up (long-term key or session), checks the
 * session token and expiry, then the SigV4 signature. Errors are AWS's, in AWS's order: unknown
 * or disabled key and wrong token first, expired session next, signature and clock skew last.
 */
final class Authenticator {
    static final String TOKEN_HEADER = "X-Amz-Security-Token";

    private final Directory directory;

    Authenticator(Directory directory) {
        this.directory = directory;
    }

    Identity authenticate(Request r, SigV4Verifier.Authorization a, Instant now, int expiredStatus) {
        String token = r.header(TOKEN_HEADER);
        Directory.KeyEntry longTerm = directory.accessKey(a.accessKeyId()).orElse(null);
        if (longTerm != null) {
            if (longTerm.key().status() != AccessKey.Status.Active || token != null) throw AwsError.invalidClientTokenId();
            User user = directory.user(longTerm.account(), longTerm.key().userName()).orElseThrow(AwsError::invalidClientTokenId);
            SigV4Verifier.verify(r, a, longTerm.key().secretAccessKey(), now);
            return new Identity(Caller.user(user), null);
        }
        Session session = directory.session(a.accessKeyId()).orElseThrow(AwsError::invalidClientTokenId);
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                session.credentials().sessionToken().getBytes(StandardCharsets.UTF_8))) {
            throw AwsError.invalidClientTokenId();
        }
        if (!now.isBefore(session.credentials().expiration())) {
            throw new AwsError(expiredStatus, "ExpiredToken", "The security token included in the request is expired");
        }
        SigV4Verifier.verify(r, a, session.credentials().secretAccessKey(), now);
        return new Identity(session.caller(), session);
    }
}
