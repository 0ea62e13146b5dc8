package dev.stscreds.differential;

import java.util.Optional;

/**
 * What one tool made of a case: the source (named as botocore names its providers) and the credentials, or
 * the failure. {@code identity} is what is compared: the access key for keys handed over as they are, the
 * assumed role for sessions STS made (each tool gets its own session, so their keys differ).
 */
record Outcome(boolean ok, String method, String accessKeyId, String secretAccessKey, Optional<String> sessionToken,
               Optional<String> accountId, String identity, String error) {

    static Outcome answered(String method, String accessKeyId, String secret, Optional<String> token, Optional<String> account) {
        return new Outcome(true, method, accessKeyId, secret, token, account, accessKeyId, null);
    }

    static Outcome failed(String error) {
        return new Outcome(false, null, null, null, Optional.empty(), Optional.empty(), null, error);
    }

    Outcome withIdentity(String id) {
        return new Outcome(ok, method, accessKeyId, secretAccessKey, sessionToken, accountId, id, error);
    }

    /** Sessions made by STS for this run: compared by the role they belong to. */
    boolean fromSts() {
        return ok && (method.equals("assume-role") || method.equals("assume-role-with-web-identity"));
    }

    boolean sameAs(Outcome other) {
        if (!ok || !other.ok) return ok == other.ok;
        if (!method.equals(other.method) || !identity.equals(other.identity) || !accountId.equals(other.accountId)) return false;
        return fromSts() || (secretAccessKey.equals(other.secretAccessKey) && sessionToken.equals(other.sessionToken));
    }

    /** Never the secret or the token. */
    @Override
    public String toString() {
        return ok ? method + " " + identity + accountId.map(a -> " account " + a).orElse("") : "error " + error;
    }
}
