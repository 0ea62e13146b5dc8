package dev.stscreds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Holds the line of DESIGN.md: core never imports the CLI, the vault, the testkit, the SDK bridge or the AWS SDK. */
class ArchitectureTest {
    private static final Path MAIN_SOURCES = Path.of("src/main/java");

    @Test
    void coreImportsNoOtherModuleAndNoAwsSdk() throws IOException {
        assertThat(MAIN_SOURCES).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(ArchitectureTest::forbiddenImports)
                    .collect(Collectors.toList());
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void wireCodeKnowsNothingOfProfiles() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES.resolve("dev/stscreds/wire"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(p -> importsMatching(p, "import dev.stscreds.config.Profile")
                            .map(line -> p + ": " + line))
                    .collect(Collectors.toList());
        }
        assertThat(offenders).isEmpty();
    }

    /** Only the profile context (and the reader itself) loads the profile files, so a process reads them once. */
    @Test
    void onlyTheProfileContextLoadsProfileFiles() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith(Path.of("dev/stscreds/resolve/ProfileContext.java")))
                    .filter(p -> !p.endsWith(Path.of("dev/stscreds/config/ProfileSet.java")))
                    .flatMap(p -> linesContaining(p, "ProfileSet.load(").map(line -> p + ": " + line))
                    .collect(Collectors.toList());
        }
        assertThat(offenders).isEmpty();
    }

    /** STS and IAM clients for a profile are built by the profile context alone (the wire code defines them). */
    @Test
    void onlyTheProfileContextBuildsStsAndIamEndpointsForProfiles() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.toString().contains("dev/stscreds/wire/"))
                    .filter(p -> !p.endsWith(Path.of("dev/stscreds/resolve/ProfileContext.java")))
                    .flatMap(p -> Stream.of("StsEndpoints.resolve(", "IamEndpoints.", "StsClient.create(")
                            .flatMap(s -> linesContaining(p, s)).map(line -> p + ": " + line))
                    .collect(Collectors.toList());
        }
        assertThat(offenders).isEmpty();
    }

    private static Stream<String> linesContaining(Path file, String text) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.contains(text) && !l.trim().startsWith("*")
                    && !l.trim().startsWith("//")).map(String::trim);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> forbiddenImports(Path file) {
        return Stream.of("import dev.stscreds.cli", "import dev.stscreds.vault", "import dev.stscreds.testkit",
                        "import dev.stscreds.sdkv2", "import software.amazon.awssdk")
                .flatMap(prefix -> importsMatching(file, prefix))
                .map(line -> file + ": " + line);
    }

    private static Stream<String> importsMatching(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.trim().startsWith(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
