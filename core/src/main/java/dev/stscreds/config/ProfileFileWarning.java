package dev.stscreds.config;

import java.util.Objects;

/** Something in a profile file that was ignored or overridden, and where. Never contains a property value. */
public record ProfileFileWarning(Location location, String message) {
    public ProfileFileWarning {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
