package dev.stscreds.config;

import java.nio.file.Path;

/**
 * stscreds' own folder: {@code STSCREDS_HOME} ({@code ~} expanded), else {@code ~/.stscreds}. It holds the
 * vault and the lock files, so that nothing of stscreds is left in folders other tools own
 * ({@code ~/.aws/cli/cache}, {@code ~/.aws/sso/cache}).
 */
public final class StscredsHome {
    /** The variable that moves the folder. */
    public static final String VARIABLE = "STSCREDS_HOME";

    private StscredsHome() {}

    public static Path folder(Settings settings) {
        return settings.environmentVariable(VARIABLE).map(settings::expandHome)
                .orElseGet(() -> settings.home().resolve(".stscreds"));
    }

    /** Where cross-process lock files go (created 0700 when first needed). */
    public static Path locks(Settings settings) {
        return folder(settings).resolve("locks");
    }
}
