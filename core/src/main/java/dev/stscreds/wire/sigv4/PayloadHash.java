package dev.stscreds.wire.sigv4;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lower-case hex SHA-256 of a request body, the last line of a canonical request. A file is
 * hashed by streaming it, so a body of any size costs one small buffer; pass the result to
 * {@link SignableRequest.Builder#payloadSha256Hex(String)}.
 */
public final class PayloadHash {
    private PayloadHash() {}

    public static String of(byte[] body) {
        return Hex.of(Digests.forThisThread().sha256(body));
    }

    /** Reads {@code in} to its end (it is not closed). */
    public static String of(InputStream in) throws IOException {
        return Hex.of(Digests.forThisThread().sha256(in));
    }

    public static String of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }
}
