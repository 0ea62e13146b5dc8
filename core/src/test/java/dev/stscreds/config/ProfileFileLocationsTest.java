package dev.stscreds.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileFileLocationsTest {
    private final Path home = Path.of("/home/tester");

    @Test
    void defaultsAreUnderDotAwsInHome() {
        Settings s = Settings.of(Map.of(), Map.of(), home);
        assertThat(ProfileFileLocations.configFile(s)).isEqualTo(home.resolve(".aws/config"));
        assertThat(ProfileFileLocations.credentialsFile(s)).isEqualTo(home.resolve(".aws/credentials"));
    }

    @Test
    void environmentVariablesMoveTheFilesAndTildeIsExpanded() {
        Settings s = Settings.of(Map.of(),
                Map.of("AWS_CONFIG_FILE", "~/cfg/config", "AWS_SHARED_CREDENTIALS_FILE", "/etc/aws/creds"), home);
        assertThat(ProfileFileLocations.configFile(s)).isEqualTo(home.resolve("cfg/config"));
        assertThat(ProfileFileLocations.credentialsFile(s)).isEqualTo(Path.of("/etc/aws/creds"));
        assertThat(ProfileFileLocations.file(s, ProfileFileKind.CREDENTIALS)).isEqualTo(Path.of("/etc/aws/creds"));
    }

    @Test
    void systemPropertiesWinOverEnvironmentAndEmptyMeansUnset() {
        Settings s = Settings.of(
                Map.of("aws.configFile", "/p/config", "aws.sharedCredentialsFile", " "),
                Map.of("AWS_CONFIG_FILE", "/e/config", "AWS_SHARED_CREDENTIALS_FILE", "/e/credentials"), home);
        assertThat(ProfileFileLocations.configFile(s)).isEqualTo(Path.of("/p/config"));
        assertThat(ProfileFileLocations.credentialsFile(s)).isEqualTo(Path.of("/e/credentials"));
    }
}
