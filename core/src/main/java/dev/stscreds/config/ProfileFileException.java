package dev.stscreds.config;

import dev.stscreds.CredentialsException;
import java.util.Objects;

/**
 * A profile file that cannot be read as a whole: its message starts with {@code file:line}. Lines that can
 * be skipped safely are {@link ProfileFileWarning warnings} instead; see {@link ProfileFile} for which is which.
 */
public class ProfileFileException extends CredentialsException {
    private final Location location;

    public ProfileFileException(Location location, String problem, String hint) {
        super(Objects.requireNonNull(location, "location") + ": " + problem, hint);
        this.location = location;
    }

    /** The file and line at fault. */
    public Location location() {
        return location;
    }
}
