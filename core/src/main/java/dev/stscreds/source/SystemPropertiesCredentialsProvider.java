package dev.stscreds.source;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import java.util.Objects;

/**
 * Credentials from the JVM system properties {@code aws.accessKeyId}, {@code aws.secretAccessKey},
 * {@code aws.sessionToken} and {@code aws.accountId} (SPEC §1). Environment variables are not read
 * here; {@link EnvironmentCredentialsProvider} does that.
 */
public final class SystemPropertiesCredentialsProvider implements CredentialsProvider {
    static final String SOURCE = "system properties";

    private final Settings settings;

    public SystemPropertiesCredentialsProvider(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Credentials resolve() {
        return KeyPair.require(
                        settings.systemProperty(Setting.ACCESS_KEY_ID), propertyName(Setting.ACCESS_KEY_ID),
                        settings.systemProperty(Setting.SECRET_ACCESS_KEY), propertyName(Setting.SECRET_ACCESS_KEY),
                        "the " + SOURCE)
                .sessionToken(settings.systemProperty(Setting.SESSION_TOKEN).orElse(null))
                .accountId(settings.systemProperty(Setting.ACCOUNT_ID).orElse(null))
                .source(SOURCE)
                .build();
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public String toString() {
        return "SystemPropertiesCredentialsProvider";
    }

    private static String propertyName(Setting setting) {
        return setting.systemProperty().orElseThrow();
    }
}
