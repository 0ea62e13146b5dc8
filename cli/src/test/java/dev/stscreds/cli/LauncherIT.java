package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the packaged {@code bin/stscreds} as a user would, from another working folder. */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "stscreds").toAbsolutePath().normalize();

    @TempDir
    Path elsewhere;

    record Result(int code, String out, String err) {}

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(elsewhere.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("HOME", elsewhere.toString());
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().putAll(env);
        Path outFile = elsewhere.resolve("out.txt");
        Path errFile = elsewhere.resolve("err.txt");
        pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                Files.readString(errFile, StandardCharsets.UTF_8));
    }

    @Test
    void versionRunsFromAnyFolder() throws Exception {
        Result r = run(Map.of(), "--version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("stscreds 0.");
    }

    @Test
    void javaHomeIsPreferredAndABadOneIsReported() throws Exception {
        Result r = run(Map.of("JAVA_HOME", elsewhere.resolve("no-such-jdk").toString()), "--version");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("JAVA_HOME");
    }

    @Test
    void explainReadsTheUsersFiles() throws Exception {
        Files.createDirectories(elsewhere.resolve(".aws"));
        Files.writeString(elsewhere.resolve(".aws/credentials"),
                "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secretsecret\n");
        // LANG=C as in many containers: the output is UTF-8 all the same.
        Result r = run(Map.of("LANG", "C", "LC_ALL", "C"), "explain", "--resolve");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("profile default", "answered", "AKIA…MPLE").doesNotContain("secretsecret");
    }

    @Test
    void execRunsTheCommandWithTheProfilesCredentialsAndPassesItsExitCode() throws Exception {
        Files.createDirectories(elsewhere.resolve(".aws"));
        Files.writeString(elsewhere.resolve(".aws/credentials"),
                "[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secretsecret\n");
        Result r = run(Map.of("AWS_PROFILE", "other", "AWS_SESSION_TOKEN", "stale"), "exec", "-p", "dev", "--",
                "sh", "-c", "echo \"$AWS_ACCESS_KEY_ID profile=${AWS_PROFILE:-none} token=${AWS_SESSION_TOKEN:-none} $STSCREDS_PROFILE\"; exit 7");
        assertThat(r.code()).as(r.err()).isEqualTo(7);
        assertThat(r.out()).isEqualTo("AKIAIOSFODNN7EXAMPLE profile=none token=none dev\n");
    }

    @Test
    void execRefusesToNest() throws Exception {
        Result r = run(Map.of("STSCREDS_PROFILE", "outer"), "exec", "-p", "dev", "--", "true");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("already runs under stscreds exec for profile outer");
    }

    /** A role profile whose session is in the AWS CLI's cache, in the plain form AWS tools write. */
    private void cachedRoleSession(Path home) throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), "[profile base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n[profile admin]\n"
                + "role_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\nrole_session_name = jon\n");
        String key = dev.stscreds.cache.CliCacheKey.forAssumeRole("arn:aws:iam::123456789012:role/Admin", "jon", null, null, null, null);
        Path cache = Files.createDirectories(aws.resolve("cli/cache"));
        Files.writeString(cache.resolve(key + ".json"), "{\"Credentials\": {\"AccessKeyId\": \"ASIACACHEDCACHED0000\", "
                + "\"SecretAccessKey\": \"c2VjcmV0\", \"SessionToken\": \"dG9rZW4=\", \"Expiration\": \"2099-01-01T00:00:00Z\"}}");
    }

    private static final String CACHED_ANSWER = "{\"Version\":1,\"AccessKeyId\":\"ASIACACHEDCACHED0000\",\"SecretAccessKey\":\"c2VjcmV0\","
            + "\"SessionToken\":\"dG9rZW4=\",\"Expiration\":\"2099-01-01T00:00:00Z\"}\n";

    @Test
    void credentialProcessFromACachedRoleSessionLoadsOnlyClassesOfItsAotCacheAndNoHttpTlsXmlRegexOrParser() throws Exception {
        cachedRoleSession(elsewhere);
        // The first call after a build records the start-up archive in the background.
        assertThat(run(Map.of(), "credential-process", "--profile", "admin").out()).isEqualTo(CACHED_ANSWER);
        awaitRecordings();
        Path classes = elsewhere.resolve("classes.txt");

        Result r = run(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + classes), "credential-process", "--profile", "admin");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(CACHED_ANSWER);
        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).as("classes loaded on the cache-hit path")
                .noneMatch(l -> l.contains(" javax.net.ssl.") || l.contains(" sun.security.ssl.") || l.contains(" java.net.http.")
                        || l.contains(" javax.xml.") || l.contains(" java.net.HttpURLConnection ") || l.contains(" sun.net.www.protocol.http.")
                        || l.contains(" java.util.regex.") || l.contains(" picocli.") || l.contains(" com.fasterxml.jackson."));
        assumeTrue(loaded.stream().anyMatch(l -> l.contains("source: shared objects file")),
                "this JDK records no start-up archive (JDK 13 or newer does): no class comes from one");
        // Every class comes from the archive the training run recorded, but one the JVM itself loads
        // outside any archive, even for an empty program.
        assertThat(loaded).as("classes loaded from elsewhere than the start-up archive")
                .filteredOn(l -> l.contains("[class,load]") && !l.contains("source: shared objects file"))
                .allMatch(l -> l.contains(" java.io.RandomAccessFile$1 "));
    }

    /**
     * Many AWS tools start several credential_process children at once. Right after a build, the
     * archive is recorded once, in the background, while every caller answers without it; no JVM
     * crashes, and none leaves a crash file in the caller's folder.
     */
    @Test
    void manyConcurrentFirstCallsAfterABuildRecordTheArchiveOnceAndNeverCrash() throws Exception {
        cachedRoleSession(elsewhere);
        assertThat(run(Map.of(), "credential-process", "--profile", "admin").out()).isEqualTo(CACHED_ANSWER);
        awaitRecordings();
        Path target = LAUNCHER.getParent().getParent().resolve("cli").resolve("target");
        Optional<Path> archive = archive(target, "credential-process");
        assumeTrue(archive.isPresent(), "this JDK records no start-up archive (JDK 13 or newer does): nothing to record");
        Path log = target.resolve(archive.get().getFileName() + ".log");
        long recordingsBefore = recordings(log);
        // As right after a build: the cli jar is newer than the archive.
        Files.setLastModifiedTime(target.resolve("stscreds-cli.jar"),
                FileTime.from(Files.getLastModifiedTime(archive.get()).toInstant().plusSeconds(1)));

        // 50 children at once, as an AWS tool starting several: on two cores each start takes a few
        // hundred milliseconds, the whole crowd well under a minute.
        int callers = 50;
        List<Process> processes = new java.util.ArrayList<>();
        for (int i = 0; i < callers; i++) {
            ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "credential-process", "--profile", "admin")
                    .directory(elsewhere.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("STSCREDS_") || k.equals("JAVA_TOOL_OPTIONS"));
            pb.environment().put("HOME", elsewhere.toString());
            pb.redirectOutput(elsewhere.resolve("out" + i + ".txt").toFile()).redirectError(elsewhere.resolve("err" + i + ".txt").toFile());
            processes.add(pb.start());
        }
        for (int i = 0; i < callers; i++) {
            assertThat(processes.get(i).waitFor(300, TimeUnit.SECONDS)).as("caller %d finished", i).isTrue();
            assertThat(processes.get(i).exitValue()).as(Files.readString(elsewhere.resolve("err" + i + ".txt"))).isZero();
            assertThat(Files.readString(elsewhere.resolve("out" + i + ".txt"))).as("caller %d", i).isEqualTo(CACHED_ANSWER);
        }
        awaitRecordings();

        assertThat(recordings(log) - recordingsBefore).as("recordings of the archive").isEqualTo(1);
        assertThat(Files.getLastModifiedTime(archive.get())).isGreaterThan(Files.getLastModifiedTime(target.resolve("stscreds-cli.jar")));
        for (Path folder : List.of(elsewhere, elsewhere.resolve(".stscreds/crashes"), target)) {
            if (!Files.isDirectory(folder)) continue;
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(f -> f.getFileName().toString())).as("JVM crash files in " + folder)
                        .noneMatch(n -> n.startsWith("hs_err_pid"));
            }
        }
        assertThat(run(Map.of(), "credential-process", "--profile", "admin").out()).isEqualTo(CACHED_ANSWER);
    }

    /**
     * The start-up archive the launcher uses with the JDK it found (noted in stscreds-java.conf), if
     * that JDK records one; archives of other JDKs may lie beside it.
     */
    private static Optional<Path> archive(Path target, String name) throws IOException {
        Optional<String> feature;
        try (Stream<String> lines = Files.lines(target.resolve("stscreds-java.conf"))) {
            feature = lines.filter(l -> l.startsWith("feature=")).map(l -> l.substring("feature=".length())).findFirst();
        }
        int version = Integer.parseInt(feature.orElse("0"));
        Path archive = version >= 25 ? target.resolve("stscreds-" + name + ".aot")
                : target.resolve("stscreds-" + name + "-jdk" + version + ".jsa");
        return version >= 13 && Files.exists(archive) ? Optional.of(archive) : Optional.empty();
    }

    private static long recordings(Path log) throws IOException {
        if (!Files.exists(log)) return 0;
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(" recording ")).count();
        }
    }

    /** Waits until no start-up archive is being recorded (its lock folder is gone). */
    private static void awaitRecordings() throws IOException, InterruptedException {
        Path target = LAUNCHER.getParent().getParent().resolve("cli").resolve("target");
        for (int i = 0; i < 1200; i++) {
            try (Stream<Path> files = Files.list(target)) {
                if (files.noneMatch(f -> f.getFileName().toString().endsWith(".lock"))) return;
            }
            Thread.sleep(100); // a background recording, another process: there is nothing to join
        }
        throw new AssertionError("a start-up archive is still being recorded after 2 minutes");
    }

    @Test
    void credentialProcessHelpStillWorks() throws Exception {
        Result r = run(Map.of(), "credential-process", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("credential_process = stscreds credential-process --profile dev");
    }

    @Test
    void sandboxRunsWithoutAnAwsAccountAndLeavesHomeAlone() throws Exception {
        Result r = run(Map.of(), "sandbox");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("instance metadata", "container endpoint", "credential_process", "answered");
        assertThat(r.out()).contains("<Arn>arn:aws:iam::123456789012:user/demo</Arn>",
                "$ stscreds curl --profile demo-vault --service sts --region eu-west-1 -d 'Action=GetCallerIdentity&Version=2011-06-15' ",
                "Arn:     arn:aws:sts::123456789012:assumed-role/DemoReadOnly/", " 0 failed");
        assertThat(elsewhere.resolve(".aws")).doesNotExist();
    }

    @Test
    void aLibraryJarNewerThanTheStartupArchiveMakesTheLauncherRecordItAgain() throws Exception {
        assertThat(run(Map.of(), "--version").code()).isZero();
        awaitRecordings();
        Path target = LAUNCHER.getParent().getParent().resolve("cli").resolve("target");
        Optional<Path> archive = archive(target, "commands");
        assumeTrue(archive.isPresent(), "this JDK records no start-up archive (JDK 13 or newer does): nothing to re-record");
        Path someLibraryJar;
        try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
            someLibraryJar = jars.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        // As after a build of core alone: the archive is newer than the cli jar but older than a library jar,
        // and the JVM would refuse it.
        Instant cliJar = Files.getLastModifiedTime(target.resolve("stscreds-cli.jar")).toInstant();
        Files.setLastModifiedTime(archive.get(), FileTime.from(cliJar.plusSeconds(1)));
        Files.setLastModifiedTime(someLibraryJar, FileTime.from(cliJar.plusSeconds(2)));

        assertThat(run(Map.of(), "--version").code()).isZero();
        awaitRecordings();

        assertThat(Files.getLastModifiedTime(archive.get())).isGreaterThan(Files.getLastModifiedTime(someLibraryJar));
    }
}
