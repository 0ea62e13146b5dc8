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
