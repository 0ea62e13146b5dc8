package dev.stscreds.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A named section's keys: a profile, an {@code [sso-session NAME]} or a {@code [services NAME]} section, as
 * read from one file or merged from both ({@link ProfileSet}). Keys are in lower case (the reader folds them) and kept in the order
 * they first appeared.
 */
public final class Profile {
    private final String name;
    private final Map<String, Property> properties;

    Profile(String name, Map<String, Property> properties) {
        this.name = Objects.requireNonNull(name, "name");
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public String name() {
        return name;
    }

    public Optional<Property> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    public Optional<String> value(String key) {
        return property(key).map(Property::value);
    }

    /** All keys, insertion-ordered and unmodifiable. */
    public Map<String, Property> properties() {
        return properties;
    }

    /** This profile with the keys of {@code lower} that it does not set itself (a key set here wins). */
    Profile withDefaultsFrom(Profile lower) {
        Map<String, Property> merged = new LinkedHashMap<>(properties);
        lower.properties.forEach(merged::putIfAbsent);
        return new Profile(name, merged);
    }

    /** Names the keys, never their values. */
    @Override
    public String toString() {
        return "Profile[" + name + ", keys=" + properties.keySet() + "]";
    }
}
