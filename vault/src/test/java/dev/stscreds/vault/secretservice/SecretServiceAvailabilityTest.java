package dev.stscreds.vault.secretservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where no Secret Service answers, {@code available} says so quickly and {@code open} explains. */
class SecretServiceAvailabilityTest {
    private static final Duration GUARD = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    @Test
    void noBusAddressMeansNotAvailable() {
        Settings settings = Settings.of(Map.of(), Map.of(), temp);
        assertThat(SecretServiceKeyStore.available(settings)).isFalse();
        assertThatThrownBy(() -> SecretServiceKeyStore.open(settings))
                .hasMessageStartingWith("no D-Bus session bus to reach the Secret Service")
                .hasMessageContaining("DBUS_SESSION_BUS_ADDRESS");
    }

    @Test
    void aMissingSocketMeansNotAvailable() {
        Settings settings = Settings.of(Map.of(),
                Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + temp.resolve("no-bus")), temp);
        assertThat(assertTimeoutPreemptively(GUARD, () -> SecretServiceKeyStore.available(settings))).isFalse();
        assertThatThrownBy(() -> SecretServiceKeyStore.open(settings).get("dev"))
                .hasMessageStartingWith("reading profile dev in the Secret Service on " + temp.resolve("no-bus") + " failed");
    }

    @Test
    void anAbstractSocketCannotBeReached() {
        Settings settings = Settings.of(Map.of(),
                Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:abstract=/tmp/dbus-XXXX,guid=0123"), temp);
        assertThat(SecretServiceKeyStore.available(settings)).isFalse();
    }

    @Test
    void aBusWithoutSecretServiceIsNotAvailable() throws Exception {
        try (KeyringDaemon bus = KeyringDaemon.busOnly(temp)) {
            Settings settings = Settings.of(Map.of(), bus.environment(), temp);
            assertThat(assertTimeoutPreemptively(GUARD, () -> SecretServiceKeyStore.available(settings))).isFalse();
            assertThatThrownBy(() -> SecretServiceKeyStore.open(settings).profiles())
                    .hasMessageContaining("org.freedesktop.DBus.Error.ServiceUnknown");
        }
    }

    @Test
    void aSocketThatNeverAnswersTimesOut() throws Exception {
        Path socket = temp.resolve("silent");
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(socket));
            Settings settings = Settings.of(Map.of(), Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + socket), temp);
            assertThat(assertTimeoutPreemptively(GUARD, () -> SecretServiceKeyStore.available(settings))).isFalse();
        }
    }
}
