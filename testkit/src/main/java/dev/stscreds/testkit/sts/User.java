package dev.stscreds.testkit.sts;

import java.time.Instant;

/** An IAM user. */
record User(String account, String name, String userId, String arn, Instant createDate) {
    static String arn(String account, String name) {
        return "arn:aws:iam::" + account + ":user/" + name;
    }
}
