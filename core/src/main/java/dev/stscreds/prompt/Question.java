package dev.stscreds.prompt;

import java.util.Optional;

/**
 * Something to ask the user: the text of the question, whether the answer is secret (a passphrase
 * or PIN: never echoed), and for an MFA code the device's serial (which {@code ykman} and
 * {@code pass} look their OATH account up by).
 */
public record Question(String text, boolean secret, Optional<String> mfaSerial) {
    public static Question mfaCode(String serial, String profile) {
        return new Question("MFA code for " + serial + " (profile " + profile + ")", false, Optional.of(serial));
    }

    public static Question secret(String text) {
        return new Question(text, true, Optional.empty());
    }
}
