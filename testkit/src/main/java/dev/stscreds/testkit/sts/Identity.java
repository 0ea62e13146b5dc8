package dev.stscreds.testkit.sts;

/** Who a verified request comes from: the caller, and the session whose credentials signed it (null for long-term keys). */
record Identity(Caller caller, Session session) {
    boolean temporary() {
        return session != null;
    }

    boolean mfaPresent() {
        return session != null && session.mfaPresent();
    }

    /**
     * The value of {@code aws:MultiFactorAuthPresent}: absent for long-term keys, as in AWS (so a
     * {@code Bool … false} condition does not match them), else whether the session proved MFA.
     */
    String multiFactorAuthPresentKey() {
        return session == null ? null : Boolean.toString(session.mfaPresent());
    }
}
