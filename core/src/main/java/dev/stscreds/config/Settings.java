package dev.stscreds.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The process's view of its surroundings: system properties, environment variables and the home
 * folder. Everything in the library reads settings through this class, so tests hand in maps and
 * never touch the real environment or the real {@code ~/.aws}.
 */
public final class Settings {
    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final Path home;

    private Settings(Map<String, String> systemProperties, Map<String, String> environment, Path home) {
        this.systemProperties = Map.copyOf(systemProperties);
        this.environment = Map.copyOf(environment);
        this.home = Objects.requireNonNull(home, "home");
    }

    /** The real process: {@link System#getProperties()}, {@link System#getenv()}, $HOME then user.home. */
    public static Settings fromSystem() {
        Map<String, String> props = copy(System.getProperties());
        Map<String, String> env = System.getenv();
        return new Settings(props, env, homeFrom(props, env));
    }

    /** Settings made of the given maps; the home folder is taken from HOME, then user.home. */
    public static Settings of(Map<String, String> systemProperties, Map<String, String> environment) {
        return new Settings(systemProperties, environment, homeFrom(systemProperties, environment));
    }

    /** Settings made of the given maps with an explicit home folder. */
    public static Settings of(Map<String, String> systemProperties, Map<String, String> environment, Path home) {
        return new Settings(systemProperties, environment, home);
    }

    /** The value of a setting: system property first, then environment variable; trimmed; empty is unset. */
    public Optional<String> get(Setting setting) {
        // No lambda here or in homeFrom: on JDK 17 the first one sets up the method-handle machinery,
        // milliseconds of a credential-process start-up.
        Optional<String> property = setting.systemProperty();
        Optional<String> fromProperty = property.isPresent() ? systemProperty(property.get()) : Optional.empty();
        return fromProperty.isPresent() ? fromProperty : environmentVariable(setting.environmentVariable());
    }

    /** Only the system property of a setting (for the system-properties credentials source). */
    public Optional<String> systemProperty(Setting setting) {
        return setting.systemProperty().flatMap(this::systemProperty);
    }

    /** Only the environment variable of a setting (for the environment credentials source). */
    public Optional<String> environmentVariable(Setting setting) {
        return environmentVariable(setting.environmentVariable());
    }

    public Optional<String> systemProperty(String name) {
        return clean(systemProperties.get(name));
    }

    public Optional<String> environmentVariable(String name) {
        return clean(environment.get(name));
    }

    /** A boolean setting: {@code true} (any case) is true, anything else false. */
    public boolean isTrue(Setting setting) {
        return get(setting).map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }

    public Path home() {
        return home;
    }

    /** The whole environment, e.g. to pass to a child process. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Expands a leading {@code ~/} (or a lone {@code ~}) to the home folder. */
    public Path expandHome(String path) {
        if (path.equals("~")) return home;
        if (path.startsWith("~/") || path.startsWith("~" + java.io.File.separator)) {
            return home.resolve(path.substring(2));
        }
        return Paths.get(path);
    }

    /** A copy with some environment variables replaced (a null value removes the variable). */
    public Settings withEnvironment(Map<String, String> changes) {
        Map<String, String> env = new HashMap<>(environment);
        changes.forEach((k, v) -> {
            if (v == null) env.remove(k);
            else env.put(k, v);
        });
        return new Settings(systemProperties, env, home);
    }

    private static Optional<String> clean(String value) {
        if (value == null) return Optional.empty();
        String trimmed = value.trim();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    private static Path homeFrom(Map<String, String> props, Map<String, String> env) {
        Optional<String> home = clean(env.get("HOME"));
        if (home.isEmpty()) home = clean(props.get("user.home"));
        return Paths.get(home.isPresent() ? home.get() : System.getProperty("user.home"));
    }

    private static Map<String, String> copy(Properties properties) {
        Map<String, String> map = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }
}
