package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Commands get profiles, regions and service clients from the profile context; none reads the
 * profile files or builds an STS or IAM endpoint itself (two commands once talked to two STSes).
 */
class CommandBoundariesTest {
    private static final List<String> FORBIDDEN = List.of("ProfileSet.load(", "new ProfileResolver(", "StsEndpoints.",
            "IamEndpoints.", "StsClient.create(", "IamClient.create(", "DefaultCredentialsChain.selectedProfile(",
            "Regions.forProfile(");

    @Test
    void noCommandResolvesProfilesOrEndpointsOnItsOwn() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(sources)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).flatMap(CommandBoundariesTest::offences).toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static Stream<String> offences(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> FORBIDDEN.stream().anyMatch(l::contains)).map(l -> file + ": " + l.trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
