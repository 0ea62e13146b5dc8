package dev.stscreds.config;

import java.util.Map;
import java.util.Objects;

/**
 * One key of a profile (or of an {@code sso-session} / {@code services} section) with the value that won and
 * the line that set it.
 *
 * <p>A value continued on indented lines holds those lines joined by {@code "\n"}. When the key's own value is
 * empty ({@code s3 =}, {@code sts =}) the indented lines are sub-properties {@code key = value}, also offered
 * as {@link #subProperties()}. {@link #toString()} never shows the value: it may be a secret.
 */
public final class Property {
    private final String key;
    private final String value;
    private final Map<String, String> subProperties;
    private final Location location;

    Property(String key, String value, Map<String, String> subProperties, Location location) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value");
        this.subProperties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(subProperties));
        this.location = Objects.requireNonNull(location, "location");
    }

    public String key() {
        return key;
    }

    /** The value, trimmed; continuation lines appended as {@code "\n" + line}. */
    public String value() {
        return value;
    }

    /** The {@code key = value} continuation lines of a key whose own value is empty; empty otherwise. */
    public Map<String, String> subProperties() {
        return subProperties;
    }

    /** Where this key was set (the winning line when it was set more than once). */
    public Location location() {
        return location;
    }

    @Override
    public String toString() {
        return "Property[" + key + " at " + location + "]";
    }
}
