package dev.stscreds.testkit.sts;

import java.time.Duration;
import java.time.Instant;

/** An IAM role: who may assume it (its trust policy) and for how long at most. */
record Role(String account, String name, String roleId, String arn, TrustPolicy trust, Duration maxSessionDuration,
        Instant createDate) {
    static String arn(String account, String name) {
        return "arn:aws:iam::" + account + ":role/" + name;
    }
}
