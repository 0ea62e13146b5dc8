package dev.stscreds.testkit.sts;

import java.time.Instant;

/** A long-term access key of an IAM user in the local STS. {@link #toString()} hides the secret. */
public record AccessKey(String userName, String accessKeyId, String secretAccessKey, Status status, Instant createDate) {
    /** Spelled as IAM spells it on the wire. */
    public enum Status { Active, Inactive }

    AccessKey withStatus(Status newStatus) {
        return new AccessKey(userName, accessKeyId, secretAccessKey, newStatus, createDate);
    }

    @Override
    public String toString() {
        return "AccessKey[userName=" + userName + ", accessKeyId=" + accessKeyId + ", secretAccessKey=***, status="
                + status + ", createDate=" + createDate + "]";
    }
}
