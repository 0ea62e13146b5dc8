package dev.stscreds.sso;

import java.time.Duration;

/**
 * A started device authorization: the user opens {@code verificationUriComplete} (or
 * {@code verificationUri} and types {@code userCode}) and allows it, while the client polls with the
 * device code every {@code interval}, until {@code expiresIn} has passed. The device code is a secret.
 */
public record DeviceAuthorization(String deviceCode, String userCode, String verificationUri,
                                  String verificationUriComplete, Duration expiresIn, Duration interval) {
    @Override
    public String toString() {
        return "DeviceAuthorization[userCode=" + userCode + ", verificationUri=" + verificationUri + ", expiresIn="
                + expiresIn + ", interval=" + interval + "]";
    }
}
