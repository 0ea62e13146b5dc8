package dev.stscreds.wire.http;

import dev.stscreds.wire.sigv4.PayloadHash;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The body of a request sent by hand: none, bytes in memory, or a file that is hashed and sent by
 * streaming it (a body of gigabytes costs a buffer, not its size). The file must not change
 * between signing and sending: the server would see another hash than the one signed.
 */
public final class RequestBody {
    private static final RequestBody NONE = new RequestBody(null, null);

    private final byte[] bytes;
    private final Path file;

    private RequestBody(byte[] bytes, Path file) {
        this.bytes = bytes;
        this.file = file;
    }

    public static RequestBody none() {
        return NONE;
    }

    /** The array is used as it is, not copied. */
    public static RequestBody of(byte[] bytes) {
        return new RequestBody(Objects.requireNonNull(bytes, "bytes"), null);
    }

    public static RequestBody ofFile(Path file) {
        return new RequestBody(null, Objects.requireNonNull(file, "file"));
    }

    public boolean isPresent() {
        return bytes != null || file != null;
    }

    /** The hex SHA-256 the request is signed with; a file is read through once to compute it. */
    public String sha256Hex() throws IOException {
        if (file != null) return PayloadHash.of(file);
        return PayloadHash.of(bytes == null ? new byte[0] : bytes);
    }

    BodyPublisher publisher() throws FileNotFoundException {
        if (file != null) return BodyPublishers.ofFile(file);
        return bytes == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(bytes);
    }

    @Override
    public String toString() {
        if (file != null) return "RequestBody[file " + file + "]";
        return bytes == null ? "RequestBody[none]" : "RequestBody[" + bytes.length + " bytes]";
    }
}
