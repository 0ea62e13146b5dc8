package dev.stscreds.mfa;

/**
 * Gives the current code of an MFA device, asked only at the moment a new session is really
 * needed (never for a session that is still cached).
 */
@FunctionalInterface
public interface MfaCodeSource {

    /**
     * @param serialNumber the device, e.g. {@code arn:aws:iam::123456789012:mfa/jon}
     * @param profile      the profile that needs it, for the prompt
     */
    String code(String serialNumber, String profile);
}
