package dev.stscreds.wire.endpoints;

import dev.stscreds.wire.JsonDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the endpoint rule sets and partitions shipped in the jar (copied from botocore's data, Apache-2.0). */
final class RuleResources {
    private RuleResources() {}

    static JsonDocument read(String name) {
        try (InputStream in = RuleResources.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the endpoint data " + name + " is missing from the jar");
            return JsonDocument.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8), "endpoint data " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
