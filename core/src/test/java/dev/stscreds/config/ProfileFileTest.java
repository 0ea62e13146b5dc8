package dev.stscreds.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.CredentialsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader rules of SPEC §2, one test per rule, plus locations of errors and warnings. */
class ProfileFileTest {
    private static final Path CONFIG = Path.of("/home/u/.aws/config");
    private static final Path CREDENTIALS = Path.of("/home/u/.aws/credentials");

    private static ProfileFile config(String... lines) {
        return ProfileFile.parse(String.join("\n", lines) + "\n", CONFIG, ProfileFileKind.CONFIG);
    }

    private static ProfileFile credentials(String... lines) {
        return ProfileFile.parse(String.join("\n", lines) + "\n", CREDENTIALS, ProfileFileKind.CREDENTIALS);
    }

    private static String value(ProfileFile file, String profile, String key) {
        return file.profiles().get(profile).value(key).orElseThrow();
    }

    private static ProfileFileException configError(String... lines) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(ProfileFileException.class, () -> config(lines));
    }

    @Test
    void blankAndCommentLinesAreSkipped() {
        ProfileFile file = config("# comment", "; other comment", "", " \t ", "[default]", "# inside", "region = eu-west-1", "");
        assertThat(file.profiles()).containsOnlyKeys("default");
        assertThat(file.profiles().get("default").properties()).containsOnlyKeys("region");
        assertThat(file.warnings()).isEmpty();
    }

    @Test
    void keyAndValueAreSplitAtTheFirstEqualsAndTrimmed() {
        ProfileFile file = config("[default]", "role_arn   =  arn:aws:iam::1:role/a=b  ");
        assertThat(value(file, "default", "role_arn")).isEqualTo("arn:aws:iam::1:role/a=b");
        assertThat(config("[default]", "empty=").profiles().get("default").value("empty")).contains("");
    }

    @Test
    void inlineCommentsOfPropertiesNeedWhitespaceBefore() {
        ProfileFile file = config("[default]",
                "a = abc#def",
                "b = abc;def",
                "c = abc #comment",
                "d = abc ;comment",
                "e = abc\t#comment",
                "f = abc\t;comment",
                "g = abc # one # two");
        assertThat(value(file, "default", "a")).isEqualTo("abc#def");
        assertThat(value(file, "default", "b")).isEqualTo("abc;def");
        for (String key : List.of("c", "d", "e", "f", "g")) {
            assertThat(value(file, "default", key)).as(key).isEqualTo("abc");
        }
    }

    @Test
    void headerCommentsNeedNoWhitespace() {
        ProfileFile file = config("[profile a]#comment", "x = 1", "[profile b] ; comment", "y = 2");
        assertThat(file.profiles()).containsOnlyKeys("a", "b");
    }

    @Test
    void continuationLinesAreAppendedWithNewlineAndKeepComments() {
        ProfileFile file = config("[default]", "note = first", "  second # not a comment", "\tthird ; kept", "", "  fourth", "other = x");
        assertThat(value(file, "default", "note")).isEqualTo("first\nsecond # not a comment\nthird ; kept\nfourth");
        assertThat(value(file, "default", "other")).isEqualTo("x");
        assertThat(file.profiles().get("default").property("note").orElseThrow().subProperties()).isEmpty();
    }

    @Test
    void subPropertiesFollowAKeyWithAnEmptyValue() {
        ProfileFile file = config("[default]", "s3 =", "  max_concurrent_requests = 10", "  multipart_threshold=64MB", "region = us-east-1");
        Property s3 = file.profiles().get("default").property("s3").orElseThrow();
        assertThat(s3.value()).isEqualTo("\nmax_concurrent_requests = 10\nmultipart_threshold=64MB");
        assertThat(s3.subProperties()).containsExactly(
                Map.entry("max_concurrent_requests", "10"), Map.entry("multipart_threshold", "64MB"));
        assertThat(value(file, "default", "region")).isEqualTo("us-east-1");
    }

    @Test
    void servicesAndSsoSessionSectionsHaveMapsOfTheirOwn() {
        ProfileFile file = config(
                "[profile dev]", "services = local", "sso_session = corp",
                "[services local]", "sts =", "  endpoint_url = http://127.0.0.1:4566",
                "[sso-session corp]", "sso_start_url = https://corp.awsapps.com/start", "sso_region = eu-west-1",
                "[services\tother]", "s3 =", "  endpoint_url = http://x");
        assertThat(file.profiles()).containsOnlyKeys("dev");
        assertThat(file.services()).containsOnlyKeys("local", "other");
        assertThat(file.services().get("local").property("sts").orElseThrow().subProperties())
                .containsExactly(Map.entry("endpoint_url", "http://127.0.0.1:4566"));
        assertThat(file.ssoSessions().get("corp").value("sso_region")).contains("eu-west-1");
        assertThat(file.warnings()).isEmpty();
    }

    @Test
    void aSubPropertyWithoutEqualsIsAnError() {
        ProfileFileException e = configError("[default]", "s3 =", "  max_concurrent_requests 10");
        assertThat(e.location()).isEqualTo(new Location(CONFIG, 3));
        assertThat(e).hasMessageStartingWith(CONFIG + ":3: ").hasMessageContaining("'='");
    }

    @Test
    void configFileNamesProfilesWithProfilePrefix() {
        ProfileFile file = config("[default]", "a = 1", "[profile dev]", "b = 2", "[profile\tqa]", "c = 3", "[ profile  spaced ]", "d = 4");
        assertThat(file.profiles()).containsOnlyKeys("default", "dev", "qa", "spaced");
        assertThat(file.warnings()).isEmpty();
    }

    @Test
    void configFileSectionWithoutPrefixIsIgnoredWithWarning() {
        ProfileFile file = config("[dev]", "a = 1", "[profile ok]", "b = 2");
        assertThat(file.profiles()).containsOnlyKeys("ok");
        assertThat(file.warnings()).singleElement().satisfies(w -> {
            assertThat(w.location()).isEqualTo(new Location(CONFIG, 1));
            assertThat(w.message()).contains("[dev]", "[profile dev]");
        });
    }

    @Test
    void unknownSectionTypesInConfigAreIgnoredWithWarning() {
        ProfileFile file = config("[plugins cli]", "x = 1", "[profile ok]", "b = 2");
        assertThat(file.profiles()).containsOnlyKeys("ok");
        assertThat(file.warnings()).extracting(w -> w.location().line()).containsExactly(1);
    }

    @Test
    void credentialsFileUsesTheRawNameAndIgnoresProfilePrefix() {
        ProfileFile file = credentials("[default]", "a = 1", "[dev]", "b = 2", "[profile qa]", "c = 3");
        assertThat(file.profiles()).containsOnlyKeys("default", "dev");
        assertThat(file.warnings()).singleElement().satisfies(w -> {
            assertThat(w.location()).isEqualTo(new Location(CREDENTIALS, 5));
            assertThat(w.message()).contains("[profile qa]", "[qa]");
        });
    }

    @Test
    void invalidProfileNamesAreIgnoredWithWarningAndTheirKeysToo() {
        ProfileFile file = credentials("[bad name]", "a = 1", "  continued", "no equals here is fine when ignored",
                "[ok-1_/.%@:+]", "b = 2", "[profile bad!]");
        assertThat(file.profiles()).containsOnlyKeys("ok-1_/.%@:+");
        ProfileFile configFile = config("[profile bad!]", "a = 1", "[profile ok]", "b = 2");
        assertThat(configFile.profiles()).containsOnlyKeys("ok");
        assertThat(configFile.warnings()).extracting(w -> w.location().line()).containsExactly(1);
        assertThat(file.warnings()).extracting(w -> w.location().line()).containsExactly(1, 7);
    }

    @Test
    void invalidKeysAreIgnoredWithTheirContinuations() {
        ProfileFile file = config("[default]", "bad key = 1", "  more", "good = 2");
        assertThat(file.profiles().get("default").properties()).containsOnlyKeys("good");
        assertThat(file.warnings()).singleElement().satisfies(w -> assertThat(w.location().line()).isEqualTo(2));
    }

    @Test
    void profileDefaultBeatsPlainDefaultWhenItComesFirst() {
        ProfileFile file = config("[profile default]", "region = from-profile-default", "[default]", "region = plain", "output = json");
        assertThat(file.profiles().get("default").properties()).containsOnlyKeys("region");
        assertThat(value(file, "default", "region")).isEqualTo("from-profile-default");
        assertThat(file.warnings()).singleElement().satisfies(w -> {
            assertThat(w.location()).isEqualTo(new Location(CONFIG, 3));
            assertThat(w.message()).contains("[profile default]", CONFIG + ":1");
        });
    }

    @Test
    void profileDefaultBeatsPlainDefaultWhenItComesLast() {
        ProfileFile file = config("[default]", "region = plain", "output = json", "[profile default]", "region = from-profile-default");
        assertThat(file.profiles().get("default").properties()).containsOnlyKeys("region");
        assertThat(value(file, "default", "region")).isEqualTo("from-profile-default");
        assertThat(file.warnings()).extracting(w -> w.location().line()).containsExactly(1);
    }

    @Test
    void profileDefaultIsJustDefaultInTheCredentialsFileRules() {
        // in the credentials file [profile default] is not a profile header at all
        ProfileFile file = credentials("[default]", "a = 1", "[profile default]", "a = 2");
        assertThat(value(file, "default", "a")).isEqualTo("1");
    }

    @Test
    void repeatedSectionsMergeAndTheLaterKeyWinsWithWarning() {
        ProfileFile file = config("[profile dev]", "region = a", "output = json", "[profile other]", "x = 1",
                "[profile dev]", "region = b", "extra = y");
        Profile dev = file.profiles().get("dev");
        assertThat(dev.properties()).containsOnlyKeys("region", "output", "extra");
        assertThat(dev.value("region")).contains("b");
        assertThat(dev.property("region").orElseThrow().location()).isEqualTo(new Location(CONFIG, 7));
        assertThat(file.warnings()).singleElement().satisfies(w -> {
            assertThat(w.location()).isEqualTo(new Location(CONFIG, 7));
            assertThat(w.message()).contains("'region'", "profile 'dev'", CONFIG + ":2");
        });
    }

    @Test
    void repeatedKeyInOneSectionKeepsTheLaterValue() {
        ProfileFile file = credentials("[default]", "aws_access_key_id = AKIAOLD", "aws_access_key_id = AKIANEW");
        assertThat(value(file, "default", "aws_access_key_id")).isEqualTo("AKIANEW");
        assertThat(file.warnings()).singleElement()
                .satisfies(w -> assertThat(w.message()).doesNotContain("AKIAOLD").doesNotContain("AKIANEW"));
    }

    @Test
    void keyNamesAreCaseInsensitiveAsInBotocoreAndTheLaterSpellingWins() {
        ProfileFile file = credentials("[Dev]", "AWS_ACCESS_KEY_ID = AKIAUPPER", "Aws_Secret_Access_Key = s",
                "aws_access_key_id = AKIALOWER", "Region = a");
        assertThat(file.profiles()).containsOnlyKeys("Dev");
        assertThat(file.profiles().get("Dev").properties()).containsOnlyKeys("aws_access_key_id", "aws_secret_access_key", "region");
        assertThat(value(file, "Dev", "aws_access_key_id")).isEqualTo("AKIALOWER");
        assertThat(file.profiles().get("Dev").property("aws_access_key_id").orElseThrow().location().line()).isEqualTo(4);
        assertThat(file.warnings()).singleElement().satisfies(w -> assertThat(w.location().line()).isEqualTo(4));
    }

    @Test
    void profileNamesAndSubPropertyNamesKeepTheirCase() {
        ProfileFile file = config("[profile Dev]", "S3 =", "  Max_Concurrent_Requests = 2");
        assertThat(file.profiles()).containsOnlyKeys("Dev");
        assertThat(file.profiles().get("Dev").property("s3").orElseThrow().subProperties())
                .containsOnlyKeys("Max_Concurrent_Requests");
    }

    @Test
    void propertyLocationsAreFileAndLine() {
        ProfileFile file = config("# top", "", "[profile a]", "region = x");
        assertThat(file.profiles().get("a").property("region").orElseThrow().location())
                .hasToString(CONFIG + ":4");
    }

    @Test
    void headerWithoutClosingBracketIsAnErrorAtItsLine() {
        ProfileFileException e = configError("[default]", "a = 1", "[profile dev", "b = 2");
        assertThat(e.location()).isEqualTo(new Location(CONFIG, 3));
        assertThat(e).hasMessageStartingWith(CONFIG + ":3: ").hasMessageContaining("']'");
        assertThat(e.hint()).isPresent();
        assertThat(configError("[profile dev] trailing").location().line()).isEqualTo(1);
    }

    @Test
    void propertyWithoutEqualsIsAnErrorThatDoesNotShowTheLine() {
        ProfileFileException e = catchCredentials("[default]", "aws_secret_access_key wJalrXUtnFEMI");
        assertThat(e.location()).isEqualTo(new Location(CREDENTIALS, 2));
        assertThat(e).hasMessageContaining("'='").hasMessageNotContaining("wJalr");
    }

    @Test
    void propertyWithEmptyKeyIsAnError() {
        ProfileFileException e = configError("[default]", "", "= value");
        assertThat(e.location().line()).isEqualTo(3);
        assertThat(e).hasMessageContaining("no name");
    }

    @Test
    void propertyBeforeAnyHeaderIsAnError() {
        ProfileFileException e = configError("# comment", "region = x", "[default]");
        assertThat(e.location().line()).isEqualTo(2);
        assertThat(e).hasMessageContaining("outside any section");
    }

    @Test
    void continuationBeforeAnyPropertyIsAnError() {
        assertThat(configError("  orphan").location().line()).isEqualTo(1);
        ProfileFileException afterHeader = configError("[default]", "a = 1", "[profile b]", "  orphan");
        assertThat(afterHeader.location()).isEqualTo(new Location(CONFIG, 4));
        assertThat(afterHeader).isInstanceOf(CredentialsException.class).hasMessageContaining("indented");
    }

    @Test
    void byteOrderMarkIsIgnored() {
        ProfileFile file = ProfileFile.parse("\uFEFF[default]\nregion = x\n", CONFIG, ProfileFileKind.CONFIG);
        assertThat(file.profiles()).containsOnlyKeys("default");
        assertThat(file.profiles().get("default").property("region").orElseThrow().location().line()).isEqualTo(2);
    }

    @Test
    void crlfAndCrLineEndingsWork() {
        ProfileFile crlf = ProfileFile.parse("[default]\r\nregion = x\r\nnote = a\r\n  b\r\n", CONFIG, ProfileFileKind.CONFIG);
        assertThat(value(crlf, "default", "region")).isEqualTo("x");
        assertThat(value(crlf, "default", "note")).isEqualTo("a\nb");
        ProfileFile cr = ProfileFile.parse("[default]\rregion = y\r", CONFIG, ProfileFileKind.CONFIG);
        assertThat(value(cr, "default", "region")).isEqualTo("y");
    }

    @Test
    void lastLineWithoutNewlineIsRead() {
        ProfileFile file = ProfileFile.parse("[default]\nregion = x", CONFIG, ProfileFileKind.CONFIG);
        assertThat(value(file, "default", "region")).isEqualTo("x");
    }

    @Test
    void toStringsNeverShowValues() {
        ProfileFile file = credentials("[default]", "aws_secret_access_key = wJalrXUtnFEMIEXAMPLEKEY");
        Profile profile = file.profiles().get("default");
        assertThat(profile.toString()).doesNotContain("wJalr").contains("aws_secret_access_key");
        assertThat(profile.property("aws_secret_access_key").orElseThrow().toString()).doesNotContain("wJalr");
        assertThat(file.toString()).doesNotContain("wJalr");
    }

    @Test
    void readingAMissingFileGivesAnEmptyFile(@TempDir Path dir) {
        ProfileFile file = ProfileFile.read(dir.resolve("nope/config"), ProfileFileKind.CONFIG);
        assertThat(file.profiles()).isEmpty();
        assertThat(file.path()).isEqualTo(dir.resolve("nope/config"));
        assertThat(file.kind()).isEqualTo(ProfileFileKind.CONFIG);
    }

    @Test
    void readingAFolderOrUnreadableFileNamesTheFile(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ProfileFile.read(dir, ProfileFileKind.CREDENTIALS))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("credentials file");
        Path locked = Files.writeString(dir.resolve("credentials"), "[default]\n");
        if (locked.getFileSystem().supportedFileAttributeViews().contains("posix") && !isRoot()) {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
            assertThatThrownBy(() -> ProfileFile.read(locked, ProfileFileKind.CREDENTIALS))
                    .isInstanceOf(CredentialsException.class)
                    .hasMessageContaining(locked.toString())
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void readingParsesUtf8AndReplacesMalformedBytes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config");
        byte[] text = "# caf\u00e9\n[profile d\u00e9v]\n[default]\nregion = x\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, text);
        ProfileFile read = ProfileFile.read(file, ProfileFileKind.CONFIG);
        assertThat(read.profiles()).containsOnlyKeys("default");
        assertThat(read.warnings()).extracting(w -> w.location().line()).containsExactly(2);
    }

    private static ProfileFileException catchCredentials(String... lines) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(ProfileFileException.class, () -> credentials(lines));
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
