package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.FakeCredentials;

/**
 * Temporary credentials the local STS handed out, and what they stand for: the caller they act as,
 * whether MFA was proven when they were made, and the source identity they carry.
 */
record Session(FakeCredentials credentials, Caller caller, boolean mfaPresent, String sourceIdentity) {
    @Override
    public String toString() {
        return "Session[" + credentials + ", caller=" + caller.arn() + ", mfaPresent=" + mfaPresent + "]";
    }
}
