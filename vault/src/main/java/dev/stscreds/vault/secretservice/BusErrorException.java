package dev.stscreds.vault.secretservice;

import java.io.IOException;

/** A D-Bus error reply, e.g. {@code org.freedesktop.Secret.Error.IsLocked}. */
class BusErrorException extends IOException {
    private final String errorName;

    BusErrorException(String errorName, String message) {
        super(errorName + (message == null || message.isEmpty() ? "" : ": " + message));
        this.errorName = errorName;
    }

    String errorName() {
        return errorName;
    }
}
