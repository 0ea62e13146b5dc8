package dev.stscreds.testkit.sts;

import java.time.Instant;

/**
 * Checks the SerialNumber and TokenCode of a request against the caller's virtual MFA devices:
 * the code of the current 30-second step or of the one before is accepted (clocks drift, people
 * type slowly).
 */
final class MfaCheck {
    static final String UNABLE = "MultiFactorAuthentication failed, unable to validate MFA code. "
            + "Please verify your MFA serial number is valid and associated with this user.";
    static final String INVALID_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code. ";

    private MfaCheck() {}

    /** False when neither was sent; true when both are right; else {@code AccessDenied}. */
    static boolean proven(Directory directory, Caller caller, String serialNumber, String tokenCode, Instant now) {
        if (serialNumber == null && tokenCode == null) return false;
        if (serialNumber == null || tokenCode == null || caller.kind() != Caller.Kind.USER) throw AwsError.accessDenied(UNABLE);
        User user = directory.user(caller.account(), caller.name()).orElseThrow(() -> AwsError.accessDenied(UNABLE));
        VirtualMfa device = directory.mfaDevices(user).stream()
                .filter(d -> d.serialNumber().equals(serialNumber))
                .findFirst()
                .orElseThrow(() -> AwsError.accessDenied(UNABLE));
        byte[] seed = Base32.decode(device.base32Seed());
        long step = Totp.step(now);
        for (long s = step; s >= step - 1; s--) {
            if (Totp.code(seed, s, Totp.DIGITS).equals(tokenCode)) return true;
        }
        throw AwsError.accessDenied(INVALID_CODE);
    }
}
