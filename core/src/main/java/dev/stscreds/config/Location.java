package dev.stscreds.config;

import java.nio.file.Path;
import java.util.Objects;

/** A line of a profile file (1-based), shown as {@code /home/me/.aws/config:12}. */
public record Location(Path file, int line) {
    public Location {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
