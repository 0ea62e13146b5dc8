package dev.stscreds.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileSetTest {
    private static final Path CONFIG = Path.of("/h/.aws/config");
    private static final Path CREDENTIALS = Path.of("/h/.aws/credentials");

    private static ProfileSet set(String credentials, String config) {
        return ProfileSet.of(
                ProfileFile.parse(credentials, CREDENTIALS, ProfileFileKind.CREDENTIALS),
                ProfileFile.parse(config, CONFIG, ProfileFileKind.CONFIG));
    }

    @Test
    void credentialsFileWinsPerKeyAndLocationsTellWhichFile() {
        ProfileSet set = set(
                "[dev]\naws_access_key_id = AKIACRED\nregion = cred-region\n",
                "[profile dev]\nregion = config-region\noutput = json\n");
        Profile dev = set.profile("dev").orElseThrow();
        assertThat(dev.value("region")).contains("cred-region");
        assertThat(dev.property("region").orElseThrow().location()).isEqualTo(new Location(CREDENTIALS, 3));
        assertThat(dev.value("output")).contains("json");
        assertThat(dev.property("output").orElseThrow().location()).isEqualTo(new Location(CONFIG, 3));
        assertThat(dev.properties()).containsOnlyKeys("aws_access_key_id", "region", "output");
    }

    @Test
    void profilesOfEitherFileAreFoundAndNamesAreSorted() {
        ProfileSet set = set("[zeta]\na = 1\n[default]\nb = 2\n", "[profile alpha]\nc = 3\n[default]\nd = 4\n");
        assertThat(set.profileNames()).containsExactly("alpha", "default", "zeta");
        assertThat(set.profile("alpha").orElseThrow().value("c")).contains("3");
        assertThat(set.profile("zeta").orElseThrow().value("a")).contains("1");
        assertThat(set.profile("default").orElseThrow().properties()).containsOnlyKeys("b", "d");
        assertThat(set.profile("missing")).isEmpty();
    }

    @Test
    void ssoSessionsAndServicesComeFromTheConfigFile() {
        ProfileSet set = set("", "[sso-session corp]\nsso_region = eu-west-1\n[services local]\nsts =\n  endpoint_url = http://x\n");
        assertThat(set.ssoSession("corp").orElseThrow().value("sso_region")).contains("eu-west-1");
        assertThat(set.services("local").orElseThrow().property("sts").orElseThrow().subProperties())
                .containsExactly(Map.entry("endpoint_url", "http://x"));
        assertThat(set.ssoSession("other")).isEmpty();
    }

    @Test
    void warningsOfBothFilesAreKept() {
        ProfileSet set = set("[profile x]\na = 1\n", "[x]\nb = 2\n");
        assertThat(set.warnings()).extracting(w -> w.location().file()).containsExactly(CREDENTIALS, CONFIG);
    }

    @Test
    void loadReadsTheFilesSettingsPointAt(@TempDir Path home) throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("credentials"), "[default]\naws_access_key_id = AKIADEFAULT\n");
        Path custom = Files.writeString(home.resolve("my-config"), "[default]\nregion = eu-north-1\n");
        ProfileSet set = ProfileSet.load(Settings.of(Map.of(), Map.of("AWS_CONFIG_FILE", "~/my-config"), home));
        assertThat(set.configFile()).isEqualTo(custom);
        assertThat(set.credentialsFile()).isEqualTo(aws.resolve("credentials"));
        assertThat(set.profile("default").orElseThrow().properties()).containsOnlyKeys("aws_access_key_id", "region");
    }

    @Test
    void loadWithNoFilesIsEmpty(@TempDir Path home) {
        ProfileSet set = ProfileSet.load(Settings.of(Map.of(), Map.of(), home));
        assertThat(set.profileNames()).isEmpty();
        assertThat(set.warnings()).isEmpty();
    }
}
