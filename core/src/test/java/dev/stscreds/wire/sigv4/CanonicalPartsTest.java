package dev.stscreds.wire.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalPartsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/, /",
        "'', /",
        "//, /",
        "/./, /",
        "/a//b///c, /a/b/c",
        "//example//, /example/",
        "/a/./b/../c/, /a/c/",
        "/a/b/.., /a",
        "/../../a, /a",
        "/a/.hidden/..., /a/.hidden/...",
        "/a.b/c..d, /a.b/c..d",
    })
    void normalisedPaths(String raw, String expected) {
        assertThat(CanonicalPath.normalize(raw.isEmpty() ? "/" : raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "a=1|a=1",
        "b=2&a=1|a=1&b=2",
        "a=2&a=10&a=1|a=1&a=10&a=2",
        "k|k=",
        "k=&j|j=&k=",
        "a=x+y|a=x%20y",
        "a=%2b%7e%41|a=%2B~A",
        "a=b=c|a=b%3Dc",
        "a&&b=1&|a=&b=1",
        "%E1%88%B4=1|%E1%88%B4=1",
        "ሴ=1|%E1%88%B4=1",
        "a=100%|a=100%25",
        "p=/x:y@z|p=%2Fx%3Ay%40z",
    })
    void canonicalQueries(String raw, String expected) {
        StringBuilder out = new StringBuilder();
        CanonicalQuery.append(raw, out);
        assertThat(out).hasToString(expected);
    }

    @Test
    void headerValuesAreTrimmedAndWhitespaceRunsCollapsed() {
        StringBuilder canonical = new StringBuilder();
        StringBuilder signed = new StringBuilder();
        CanonicalHeaders.append(List.of(
                        new HttpHeader("X-B", " a\n  b\t\tc  "),
                        new HttpHeader("x-a", "1"),
                        new HttpHeader("X-B", "second"),
                        new HttpHeader("X-Empty", "   ")),
                canonical, signed);

        assertThat(canonical).hasToString("x-a:1\nx-b:a b c,second\nx-empty:\n");
        assertThat(signed).hasToString("x-a;x-b;x-empty");
    }

    @Test
    void unicodeOutsideTheBmpIsEncodedAsFourUtf8Bytes() {
        StringBuilder out = new StringBuilder();
        CanonicalPath.append(URI.create("https://h/%F0%9F%98%80/😀").getRawPath(), true, false, out);
        assertThat(out).hasToString("/%F0%9F%98%80/%F0%9F%98%80");
    }
}
