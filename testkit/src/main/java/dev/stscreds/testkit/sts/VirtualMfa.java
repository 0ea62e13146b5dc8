package dev.stscreds.testkit.sts;

import java.time.Instant;

/**
 * A virtual MFA device of an IAM user: its serial number ({@code arn:aws:iam::ACCOUNT:mfa/NAME}) and
 * the Base32 seed an authenticator app would scan. {@link #toString()} hides the seed.
 */
public record VirtualMfa(String userName, String serialNumber, String base32Seed, Instant enableDate) {
    /** The code an authenticator shows at this instant. */
    public String codeAt(Instant at) {
        return Totp.code(base32Seed, at);
    }

    @Override
    public String toString() {
        return "VirtualMfa[userName=" + userName + ", serialNumber=" + serialNumber + ", base32Seed=***, enableDate="
                + enableDate + "]";
    }
}
