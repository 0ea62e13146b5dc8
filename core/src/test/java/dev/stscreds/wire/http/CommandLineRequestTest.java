package dev.stscreds.wire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineRequestTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "https://STS.Example.com|https://sts.example.com/",
        "https://h/a b?q=x y|https://h/a%20b?q=x%20y",
        "https://h/?a=1+2&b=c+|https://h/?a=1%2B2&b=c%2B",
        "https://h/caf\u00e9?v=\u00fc|https://h/caf%C3%A9?v=%C3%BC",
        "https://h/?p=100%&q=%41|https://h/?p=100%25&q=%41",
        "https://h/x[1]?list[]=a|https://h/x%5B1%5D?list%5B%5D=a",
        "http://h:8080/p#frag|http://h:8080/p",
    })
    void theUrlIsBroughtToTheFormThatIsSignedAndSent(String given, String sent) {
        assertThat(CommandLineRequest.of("get", given, List.of(), RequestBody.none()).uri()).hasToString(sent);
    }

    @Test
    void headerLinesAreReadAsCurlReadsThem() {
        CommandLineRequest r = CommandLineRequest.of("POST", "https://h/",
                List.of("X-A:   spaced  value ", "X-Empty;", "X-Fold: a\r\n  b"), RequestBody.none());
        assertThat(r.headers()).extracting(h -> h.name() + "=" + h.value())
                .containsExactly("X-A=spaced  value ", "X-Empty=", "X-Fold=a    b");
    }

    @Test
    void unusableInputIsNamed() {
        assertThatThrownBy(() -> CommandLineRequest.of("GET", "ftp://h/", List.of(), RequestBody.none()))
                .hasMessageContaining("not an http or https URL");
        assertThatThrownBy(() -> CommandLineRequest.of("GET", "https://h/", List.of("NoColon"), RequestBody.none()))
                .hasMessageContaining("\"NoColon\" is not \"Name: value\"");
        assertThatThrownBy(() -> CommandLineRequest.of("GET", "https://h/", List.of("Host: other"), RequestBody.none()))
                .hasMessageContaining("Host is set by the HTTP client");
        assertThatThrownBy(() -> CommandLineRequest.of("GET", "https://user:pw@h/", List.of(), RequestBody.none()))
                .hasMessageContaining("user:password@").hasMessageNotContaining("pw");
    }

    @Test
    void aFileBodyIsHashedLikeTheSameBytes(@TempDir Path folder) throws Exception {
        byte[] bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes);
        Path file = Files.write(folder.resolve("body"), bytes);
        assertThat(RequestBody.ofFile(file).sha256Hex()).isEqualTo(RequestBody.of(bytes).sha256Hex())
                .isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(RequestBody.none().sha256Hex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
