package dev.stscreds.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.CredentialsException;
import dev.stscreds.files.FileLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // locks held by try-with-resources, not read
class ProfileFileEditorTest {
    private static final Duration GUARD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, UTF_8);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, UTF_8);
    }

    private static ProfileFile parse(Path file, ProfileFileKind kind) throws IOException {
        return ProfileFile.parse(read(file), file, kind);
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static final String CONFIG = lines(
            "# AWS config, edited by hand",
            "; second comment style",
            "",
            "[default]",
            "region = us-east-1   # home region",
            "output = json",
            "",
            "# development account",
            "[profile dev]",
            "region=eu-west-1",
            "role_arn = arn:aws:iam::111111111111:role/Old",
            "  continued-line",
            "source_profile = default",
            "s3 =",
            "  max_concurrent_requests = 10",
            "",
            "; about prod",
            "[profile prod]",
            "region = us-west-2",
            "unknown_key = kept",
            "",
            "[sso-session corp]",
            "sso_region = eu-west-1");

    @Test
    void changingOneProfileLeavesEveryOtherByte() throws IOException {
        Path file = write("config", CONFIG);
        Map<String, String> set = new LinkedHashMap<>();
        set.put("region", "eu-central-1");
        set.put("role_arn", "arn:aws:iam::111111111111:role/New");
        set.put("mfa_serial", "arn:aws:iam::111111111111:mfa/me");
        ProfileFileEditor.of(file, ProfileFileKind.CONFIG).update("dev", set, Set.of("source_profile"));

        assertThat(read(file)).isEqualTo(lines(
                "# AWS config, edited by hand",
                "; second comment style",
                "",
                "[default]",
                "region = us-east-1   # home region",
                "output = json",
                "",
                "# development account",
                "[profile dev]",
                "region = eu-central-1",
                "role_arn = arn:aws:iam::111111111111:role/New",
                "s3 =",
                "  max_concurrent_requests = 10",
                "mfa_serial = arn:aws:iam::111111111111:mfa/me",
                "",
                "; about prod",
                "[profile prod]",
                "region = us-west-2",
                "unknown_key = kept",
                "",
                "[sso-session corp]",
                "sso_region = eu-west-1"));
    }

    @Test
    void replacingAKeyKeepsItsInlineComment() throws IOException {
        Path file = write("config", CONFIG);
        ProfileFileEditor.of(file, ProfileFileKind.CONFIG).update("default", Map.of("region", "us-west-1"), Set.of());
        assertThat(read(file)).isEqualTo(CONFIG.replace("region = us-east-1   # home region", "region = us-west-1   # home region"));
    }

    @Test
    void settingTheSameValueWritesNothing() throws IOException {
        Path file = write("config", CONFIG);
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, old);
        ProfileFileEditor editor = ProfileFileEditor.of(file, ProfileFileKind.CONFIG);
        editor.update("default", Map.of("region", "us-east-1"), Set.of("not_there"));
        editor.removeProfile("absent");
        editor.update("absent", Map.of(), Set.of("x"));
        assertThat(read(file)).isEqualTo(CONFIG);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    }

    @Test
    void crlfFilesGetCrlfLines() throws IOException {
        Path file = write("credentials", "[a]\r\nx = 1\r\n\r\n[b]\r\ny = 2\r\n");
        ProfileFileEditor editor = ProfileFileEditor.of(file, ProfileFileKind.CREDENTIALS);
        editor.update("a", Map.of("z", "3"), Set.of());
        editor.update("c", Map.of("w", "4"), Set.of());
        assertThat(read(file)).isEqualTo("[a]\r\nx = 1\r\nz = 3\r\n\r\n[b]\r\ny = 2\r\n\r\n[c]\r\nw = 4\r\n");
    }

    @Test
    void aMissingFinalNewlineStaysMissing() throws IOException {
        Path file = write("credentials", "[a]\nx = 1");
        ProfileFileEditor editor = ProfileFileEditor.of(file, ProfileFileKind.CREDENTIALS);
        editor.update("a", Map.of("y", "2"), Set.of());
        assertThat(read(file)).isEqualTo("[a]\nx = 1\ny = 2");
        editor.update("b", Map.of("z", "3"), Set.of());
        assertThat(read(file)).isEqualTo("[a]\nx = 1\ny = 2\n\n[b]\nz = 3");
        editor.update("b", Map.of("z", "4"), Set.of());
        assertThat(read(file)).isEqualTo("[a]\nx = 1\ny = 2\n\n[b]\nz = 4");
        editor.removeProfile("b");
        assertThat(read(file)).isEqualTo("[a]\nx = 1\ny = 2");
    }

    @Test
    void byteOrderMarkIsKept() throws IOException {
        Path file = write("config", "\uFEFF[default]\nregion = a\n");
        ProfileFileEditor.of(file, ProfileFileKind.CONFIG).update("default", Map.of("region", "b"), Set.of());
        assertThat(read(file)).isEqualTo("\uFEFF[default]\nregion = b\n");
    }

    @Test
    void aRepeatedKeyIsReplacedOnItsWinningLineAndEarlierOnesGo() throws IOException {
        Path file = write("config", lines(
                "[profile dev]",
                "region = a",
                "output = json",
                "region = b",
                "[profile other]",
                "region = keep",
                "[profile dev]",
                "region = c",
                "  continued",
                "# end of dev"));
        ProfileFileEditor.of(file, ProfileFileKind.CONFIG).update("dev", Map.of("region", "d"), Set.of());
        assertThat(read(file)).isEqualTo(lines(
                "[profile dev]",
                "output = json",
                "[profile other]",
                "region = keep",
                "[profile dev]",
                "region = d",
                "# end of dev"));
        assertThat(parse(file, ProfileFileKind.CONFIG).warnings()).isEmpty();
    }

    @Test
    void newKeysGoAfterTheLastPropertyOfTheLastSectionOccurrence() throws IOException {
        Path file = write("config", lines(
                "[profile dev]",
                "a = 1",
                "",
                "[profile other]",
                "b = 2",
                "[profile dev]",
                "c = 3",
                "",
                "# about the next section",
                "[profile last]",
                "d = 4"));
        ProfileFileEditor.of(file, ProfileFileKind.CONFIG).update("dev", Map.of("e", "5"), Set.of());
        assertThat(read(file)).isEqualTo(lines(
                "[profile dev]",
                "a = 1",
                "",
                "[profile other]",
                "b = 2",
                "[profile dev]",
                "c = 3",
                "e = 5",
                "",
                "# about the next section",
                "[profile last]",
                "d = 4"));
    }

    @Test
    void anEmptySectionGetsItsKeysRightAfterTheHeader() throws IOException {
        Path file = write("credentials", lines("[a]", "", "# note", "[b]", "x = 1"));
        ProfileFileEditor.of(file, ProfileFileKind.CREDENTIALS).update("a", Map.of("k", ""), Set.of());
        assertThat(read(file)).isEqualTo(lines("[a]", "k =", "", "# note", "[b]", "x = 1"));
        assertThat(parse(file, ProfileFileKind.CREDENTIALS).profiles().get("a").value("k")).contains("");
    }

    @Test
    void sectionHeadersFollowTheFileKind() throws IOException {
        Path config = dir.resolve("new/config");
        ProfileFileEditor configEditor = ProfileFileEditor.of(config, ProfileFileKind.CONFIG);
        configEditor.update("dev", Map.of("region", "eu-west-1"), Set.of());
        configEditor.update("default", Map.of("region", "us-east-1"), Set.of());
        assertThat(read(config)).isEqualTo(lines("[profile dev]", "region = eu-west-1", "", "[default]", "region = us-east-1"));

        Path credentials = dir.resolve("new/credentials");
        ProfileFileEditor credentialsEditor = ProfileFileEditor.of(credentials, ProfileFileKind.CREDENTIALS);
        credentialsEditor.update("dev", Map.of("aws_access_key_id", "AKIA1"), Set.of());
        credentialsEditor.update("default", Map.of("aws_access_key_id", "AKIA2"), Set.of());
        assertThat(read(credentials)).isEqualTo(lines("[dev]", "aws_access_key_id = AKIA1", "", "[default]", "aws_access_key_id = AKIA2"));
    }

    @Test
    void configDefaultEditsGoToProfileDefaultWhenItExists() throws IOException {
        Path file = write("config", lines("[default]", "region = ignored", "[profile default]", "region = used"));
        ProfileFileEditor.of(file, ProfileFileKind.CONFIG).update("default", Map.of("region", "new"), Set.of());
        assertThat(read(file)).isEqualTo(lines("[default]", "region = ignored", "[profile default]", "region = new"));
    }

    @Test
    void writtenFilesAreOwnerOnlyInNewOwnerOnlyFolders() throws IOException {
        Path file = dir.resolve("home/.aws/credentials");
        ProfileFileEditor.of(file, ProfileFileKind.CREDENTIALS).update("default", Map.of("a", "1"), Set.of());
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) return;
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent().getParent()))).isEqualTo("rwx------");

        Path loose = write("config", "[default]\n");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        ProfileFileEditor.of(loose, ProfileFileKind.CONFIG).update("default", Map.of("a", "1"), Set.of());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loose))).isEqualTo("rw-------");
    }

    @Test
    void removeProfileDeletesItsSectionsAndNothingElse() throws IOException {
        Path file = write("config", CONFIG);
        ProfileFileEditor.of(file, ProfileFileKind.CONFIG).removeProfile("dev");
        assertThat(read(file)).isEqualTo(lines(
                "# AWS config, edited by hand",
                "; second comment style",
                "",
                "[default]",
                "region = us-east-1   # home region",
                "output = json",
                "",
                "# development account",
                "; about prod",
                "[profile prod]",
                "region = us-west-2",
                "unknown_key = kept",
                "",
                "[sso-session corp]",
                "sso_region = eu-west-1"));
    }

    @Test
    void removeProfileDeletesRepeatedSectionsAndBothConfigDefaults() throws IOException {
        Path file = write("config", lines(
                "[default]", "a = 1", "", "[profile x]", "b = 2", "", "[profile default]", "c = 3", "", "[profile x]", "d = 4"));
        ProfileFileEditor editor = ProfileFileEditor.of(file, ProfileFileKind.CONFIG);
        editor.removeProfile("default");
        assertThat(read(file)).isEqualTo(lines("[profile x]", "b = 2", "", "[profile x]", "d = 4"));
        editor.removeProfile("x");
        assertThat(read(file)).isEmpty();
    }

    @Test
    void removingTheLastSectionTakesTheBlankLinesBeforeIt() throws IOException {
        Path file = write("credentials", lines("[a]", "x = 1", "", "[b]", "y = 2", ""));
        ProfileFileEditor.of(file, ProfileFileKind.CREDENTIALS).removeProfile("b");
        assertThat(read(file)).isEqualTo(lines("[a]", "x = 1"));
    }

    @Test
    void valuesThatWouldNotReadBackAreRefusedAndNothingIsWritten() throws IOException {
        Path file = write("credentials", "[default]\n# keep me\nx = 1\n");
        ProfileFileEditor editor = ProfileFileEditor.of(file, ProfileFileKind.CREDENTIALS);
        List<String> bad = List.of("line\nbreak", "carriage\rreturn", " leading", "trailing ", "a #comment", "a ;comment",
                "a\t#tab");
        for (String value : bad) {
            assertThatThrownBy(() -> editor.update("default", Map.of("aws_secret_access_key", value), Set.of()))
                    .as(value)
                    .isInstanceOf(CredentialsException.class)
                    .hasMessageContaining("aws_secret_access_key")
                    .hasMessageNotContaining(value.trim());
        }
        assertThatThrownBy(() -> editor.update("bad name", Map.of("x", "1"), Set.of()))
                .hasMessageContaining("Profile name 'bad name' is not valid");
        assertThatThrownBy(() -> editor.update("ok\nx", Map.of("x", "1"), Set.of())).hasMessageContaining("ok\\nx");
        assertThatThrownBy(() -> editor.update("default", Map.of("bad key", "1"), Set.of())).hasMessageContaining("bad key");
        assertThatThrownBy(() -> editor.update("default", Map.of("x=y", "1"), Set.of())).isInstanceOf(CredentialsException.class);
        assertThatThrownBy(() -> editor.update("default", Map.of("x", "1"), Set.of("x"))).hasMessageContaining("both set and removed");
        assertThatThrownBy(() -> editor.removeProfile("[x]")).isInstanceOf(CredentialsException.class);
        assertThat(read(file)).isEqualTo("[default]\n# keep me\nx = 1\n");
        // what may look odd but reads back the same is accepted
        editor.update("default", Map.of("x", "a#b;c = d"), Set.of());
        assertThat(parse(file, ProfileFileKind.CREDENTIALS).profiles().get("default").value("x")).contains("a#b;c = d");
        editor.update("default", Map.of("x", "#not-a-comment", "y", ";neither"), Set.of());
        assertThat(read(file)).isEqualTo("[default]\n# keep me\nx =#not-a-comment\ny =;neither\n");
        assertThat(parse(file, ProfileFileKind.CREDENTIALS).profiles().get("default").value("x")).contains("#not-a-comment");
    }

    @Test
    void aFileTheReaderRejectsIsNotEdited() throws IOException {
        Path file = write("config", "[default]\nregion\n");
        assertThatThrownBy(() -> ProfileFileEditor.of(file, ProfileFileKind.CONFIG).update("default", Map.of("a", "1"), Set.of()))
                .isInstanceOf(ProfileFileException.class)
                .hasMessageStartingWith(file + ":2: ");
        assertThat(read(file)).isEqualTo("[default]\nregion\n");
    }

    @Test
    void aFileThatIsNotUtf8IsNotEdited() throws IOException {
        Path file = dir.resolve("config");
        byte[] latin1 = "# caf\u00e9\n[default]\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);
        assertThatThrownBy(() -> ProfileFileEditor.of(file, ProfileFileKind.CONFIG).update("default", Map.of("a", "1"), Set.of()))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("not valid UTF-8")
                .hasMessageContaining(file.toString());
        assertThat(Files.readAllBytes(file)).isEqualTo(latin1);
    }

    @Test
    void aHeldLockMakesTheEditTimeOutWithAClearError() throws IOException {
        Path file = write("credentials", "[default]\n");
        try (FileLock held = FileLock.acquire(file, Duration.ofSeconds(5))) {
            ProfileFileEditor editor = ProfileFileEditor.of(file, ProfileFileKind.CREDENTIALS).withLockTimeout(Duration.ofMillis(100));
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(
                            () -> editor.update("default", Map.of("a", "1"), Set.of()))
                    .isInstanceOf(CredentialsException.class)
                    .hasMessageContaining("Timed out")
                    .hasMessageContaining(file.toRealPath().toString()));
        }
        assertThat(read(file)).isEqualTo("[default]\n");
    }

    /** A seeded series of random edits; after each, the file reads back as the model says and comments survive. */
    @Test
    void everyEditReadsBackAsExpected() throws IOException {
        String header = lines("# top comment", "; another", "");
        Path file = write("config", header + lines("[profile dev]", "a = 1 # inline", "note = x", "  y", "# between",
                "[default]", "b = 2", "", "; tail"));
        Map<String, Map<String, String>> model = new TreeMap<>();
        model.put("dev", new TreeMap<>(Map.of("a", "1", "note", "x\ny")));
        model.put("default", new TreeMap<>(Map.of("b", "2")));
        ProfileFileEditor editor = ProfileFileEditor.of(file, ProfileFileKind.CONFIG);
        Random random = new Random(20240611L);
        List<String> profiles = List.of("default", "dev", "prod", "a.b", "me@corp", "x:y+z");
        List<String> keys = List.of("region", "output", "role_arn", "k1", "k2", "k3", "s3", "a", "note");
        for (int step = 0; step < 300; step++) {
            String profile = profiles.get(random.nextInt(profiles.size()));
            if (random.nextInt(10) == 0) {
                editor.removeProfile(profile);
                model.remove(profile);
            } else {
                Map<String, String> set = new LinkedHashMap<>();
                List<String> remove = new ArrayList<>();
                for (String key : keys) {
                    int roll = random.nextInt(6);
                    if (roll == 0) set.put(key, randomValue(random));
                    else if (roll == 1) remove.add(key);
                }
                editor.update(profile, set, Set.copyOf(remove));
                if (model.containsKey(profile) || !set.isEmpty()) {
                    Map<String, String> values = model.computeIfAbsent(profile, p -> new TreeMap<>());
                    remove.forEach(values::remove);
                    values.putAll(set);
                }
            }
            ProfileFile reread = parse(file, ProfileFileKind.CONFIG);
            Map<String, Map<String, String>> actual = new TreeMap<>();
            reread.profiles().forEach((name, p) -> {
                Map<String, String> values = new TreeMap<>();
                p.properties().forEach((k, v) -> values.put(k, v.value()));
                actual.put(name, values);
            });
            assertThat(actual).as("step %d", step).isEqualTo(model);
            assertThat(reread.warnings()).as("step %d", step).isEmpty();
        }
        assertThat(read(file)).startsWith(header);
    }

    private static String randomValue(Random random) {
        String alphabet = "abcXYZ019:/=#;-_.@";
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            if (i > 0 && i < length - 1 && random.nextInt(8) == 0) value.append(' ').append('x');
        }
        return value.toString();
    }

    @Test
    void concurrentUpdatersNeverLoseAnUpdate() throws Exception {
        Path file = dir.resolve("credentials");
        int threads = 16;
        int updatesEach = 20;
        ProfileFileEditor editor = ProfileFileEditor.of(file, ProfileFileKind.CREDENTIALS);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < updatesEach; i++) {
                        editor.update("p" + (thread % 4), Map.of("k_" + thread + "_" + i, "v" + i), Set.of());
                    }
                    return null;
                }));
            }
            start.countDown();
            assertTimeoutPreemptively(GUARD, () -> {
                for (Future<?> future : done) future.get();
            });
        } finally {
            pool.shutdownNow();
        }
        ProfileFile result = parse(file, ProfileFileKind.CREDENTIALS);
        assertThat(result.profiles()).containsOnlyKeys("p0", "p1", "p2", "p3");
        int total = 0;
        for (int t = 0; t < threads; t++) {
            Profile profile = result.profiles().get("p" + (t % 4));
            for (int i = 0; i < updatesEach; i++) {
                assertThat(profile.value("k_" + t + "_" + i)).contains("v" + i);
            }
        }
        for (Profile profile : result.profiles().values()) total += profile.properties().size();
        assertThat(total).isEqualTo(threads * updatesEach);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void updatersInTwoProcessesNeverLoseAnUpdate() throws Exception {
        Path file = dir.resolve("shared/config");
        int perProcess = 15;
        Process first = dev.stscreds.files.ChildJvm.start(EditorWorker.class, file.toString(), "CONFIG", "child1", "" + perProcess);
        Process second = dev.stscreds.files.ChildJvm.start(EditorWorker.class, file.toString(), "CONFIG", "child2", "" + perProcess);
        ProfileFileEditor editor = ProfileFileEditor.of(file, ProfileFileKind.CONFIG);
        for (int i = 0; i < perProcess; i++) {
            editor.update("shared", Map.of("parent_" + i, "value-" + i), Set.of());
        }
        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(first.waitFor()).isZero();
            assertThat(second.waitFor()).isZero();
        });
        Profile shared = parse(file, ProfileFileKind.CONFIG).profiles().get("shared");
        assertThat(shared.properties()).hasSize(3 * perProcess);
        for (String prefix : List.of("parent", "child1", "child2")) {
            for (int i = 0; i < perProcess; i++) {
                assertThat(shared.value(prefix + "_" + i)).as(prefix + "_" + i).contains("value-" + i);
            }
        }
    }
}
