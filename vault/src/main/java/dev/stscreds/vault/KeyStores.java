package dev.stscreds.vault;

import dev.stscreds.config.Settings;
import java.nio.file.Path;

/** Picks the long-term key store a user asked for, or the best one at hand. */
public final class KeyStores {
    /** Chooses the backend: {@code file} or {@code secret-service}. */
    public static final String KIND_VARIABLE = "STSCREDS_VAULT";
    /** The folder of stscreds' own files; default {@code ~/.stscreds}. */
    public static final String HOME_VARIABLE = "STSCREDS_HOME";

    private KeyStores() {}

    /** STSCREDS_HOME ({@code ~} expanded), else {@code .stscreds} in the home folder. */
    public static Path home(Settings settings) {
        return settings.environmentVariable(HOME_VARIABLE)
                .map(settings::expandHome)
                .orElseGet(() -> settings.home().resolve(".stscreds"));
    }
}
