package dev.stscreds.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private final Path home = Path.of("/home/tester");

    @Test
    void systemPropertyWinsOverEnvironment() {
        Settings s = Settings.of(Map.of("aws.region", "eu-west-1"), Map.of("AWS_REGION", "us-east-2"), home);
        assertThat(s.get(Setting.REGION)).contains("eu-west-1");
        assertThat(s.environmentVariable(Setting.REGION)).contains("us-east-2");
    }

    @Test
    void emptyValuesAreUnsetAndValuesAreTrimmed() {
        Settings s = Settings.of(Map.of("aws.region", "  "), Map.of("AWS_REGION", " us-east-2 \n"), home);
        assertThat(s.get(Setting.REGION)).contains("us-east-2");
        assertThat(s.get(Setting.PROFILE)).isEmpty();
    }

    @Test
    void homeComesFromHomeThenUserHome() {
        assertThat(Settings.of(Map.of("user.home", "/u"), Map.of("HOME", "/h")).home()).isEqualTo(Path.of("/h"));
        assertThat(Settings.of(Map.of("user.home", "/u"), Map.of()).home()).isEqualTo(Path.of("/u"));
    }

    @Test
    void leadingTildeIsExpanded() {
        Settings s = Settings.of(Map.of(), Map.of(), home);
        assertThat(s.expandHome("~/.aws/config")).isEqualTo(home.resolve(".aws/config"));
        assertThat(s.expandHome("/etc/aws")).isEqualTo(Path.of("/etc/aws"));
        assertThat(s.expandHome("a~/b")).isEqualTo(Path.of("a~/b"));
    }

    @Test
    void booleanSettingsAcceptTrueInAnyCase() {
        Settings s = Settings.of(Map.of(), Map.of("AWS_EC2_METADATA_DISABLED", "TRUE"), home);
        assertThat(s.isTrue(Setting.EC2_METADATA_DISABLED)).isTrue();
        assertThat(s.isTrue(Setting.EC2_METADATA_V1_DISABLED)).isFalse();
    }
}
