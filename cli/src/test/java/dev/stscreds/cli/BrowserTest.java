package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which command opens a browser where, and that opening one never waits for it. */
class BrowserTest {
    @TempDir
    Path dir;

    private Path tool(String name, String body) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private Settings settings(Map<String, String> properties, Map<String, String> env) {
        return Settings.of(properties, env, dir);
    }

    @Test
    void browserVariableWinsAndTheFirstCommandFoundRunsWithTheUrlForPercentS() throws Exception {
        Path mine = tool("mybrowser", "exit 0");
        String path = dir.resolve("bin").toString();
        Settings withArg = settings(Map.of(), Map.of("PATH", path, "BROWSER", "nosuchbrowser:mybrowser --new-tab %s", "DISPLAY", ":0"));
        assertThat(Browser.command(withArg, "https://x/a?b=c")).contains(List.of(mine.toString(), "--new-tab", "https://x/a?b=c"));
        Settings appended = settings(Map.of(), Map.of("PATH", path, "BROWSER", mine.toString()));
        assertThat(Browser.command(appended, "https://x/")).contains(List.of(mine.toString(), "https://x/"));
        Settings unknown = settings(Map.of(), Map.of("PATH", path, "BROWSER", "nosuchbrowser", "DISPLAY", ":0"));
        assertThat(Browser.command(unknown, "https://x/")).isEmpty();
    }

    @Test
    void macOsWslAndLinuxDesktopsEachHaveTheirOpener() throws Exception {
        Path open = tool("open", "exit 0");
        Path xdg = tool("xdg-open", "exit 0");
        Path cmd = tool("cmd.exe", "exit 0");
        String path = dir.resolve("bin").toString();
        assertThat(Browser.command(settings(Map.of("os.name", "Mac OS X"), Map.of("PATH", path)), "https://x/"))
                .contains(List.of(open.toString(), "https://x/"));
        assertThat(Browser.command(settings(Map.of("os.name", "Linux"), Map.of("PATH", path, "WSL_DISTRO_NAME", "Ubuntu")), "https://x/?a&b"))
                .contains(List.of(cmd.toString(), "/c", "start", "\"\"", "\"https://x/?a&b\""));
        Path wslview = tool("wslview", "exit 0");
        assertThat(Browser.command(settings(Map.of("os.name", "Linux"), Map.of("PATH", path, "WSL_DISTRO_NAME", "Ubuntu")), "https://x/"))
                .contains(List.of(wslview.toString(), "https://x/"));
        assertThat(Browser.command(settings(Map.of("os.name", "Linux"), Map.of("PATH", path, "WAYLAND_DISPLAY", "wayland-0")), "https://x/"))
                .contains(List.of(xdg.toString(), "https://x/"));
        // an SSH session without a display: no browser here, so the sign-ins fall back
        Settings ssh = settings(Map.of("os.name", "Linux"), Map.of("PATH", path, "SSH_CONNECTION", "10.0.0.1 22 10.0.0.2 22"));
        if (!Browser.isWsl(ssh)) {
            assertThat(Browser.canOpen(ssh)).isFalse();
            assertThat(Browser.tryOpen(ssh, "https://x/")).isFalse();
        }
    }

    @Test
    void openingNeverWaitsForTheBrowser() throws Exception {
        Path released = dir.resolve("released");
        tool("slowbrowser", "while [ ! -e '" + released + "' ]; do sleep 0.1; done; echo \"$1\" > '" + dir.resolve("opened") + "'");
        Settings s = settings(Map.of(), Map.of("PATH", dir.resolve("bin") + ":/usr/bin:/bin", "BROWSER", "slowbrowser"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Browser.open(s, "https://x/", "no"));
        Files.writeString(released, "");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (!Files.exists(dir.resolve("opened"))) Thread.onSpinWait();
        });
        assertThat(Files.readString(dir.resolve("opened")).trim()).isEqualTo("https://x/");
    }
}
