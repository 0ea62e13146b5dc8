package dev.stscreds.cli.command;

import dev.stscreds.wire.http.RequestBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.ParameterException;

/**
 * One {@code -d}, {@code --data-binary} or {@code --data-raw} argument of {@code stscreds curl},
 * read as curl reads it: {@code @FILE} names a file (for {@code -d} without its CR and LF bytes),
 * several arguments are joined with {@code &}.
 */
record CurlData(Kind kind, String value) {
    enum Kind { TEXT, BINARY, RAW }

    /**
     * The body for these arguments, in order. A single {@code --data-binary @FILE} stays a file,
     * hashed and sent by streaming; anything else is put together in memory.
     */
    static RequestBody body(List<CurlData> data, Function<String, ParameterException> usage) {
        if (data.isEmpty()) return RequestBody.none();
        if (data.size() == 1 && data.get(0).kind == Kind.BINARY && data.get(0).isFile()) {
            Path file = data.get(0).file(usage);
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) throw usage.apply("cannot read " + file + ": not a readable file");
            return RequestBody.ofFile(file);
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < data.size(); i++) {
            if (i > 0) joined.write('&');
            joined.writeBytes(data.get(i).bytes(usage));
        }
        return RequestBody.of(joined.toByteArray());
    }

    private boolean isFile() {
        return kind != Kind.RAW && value.startsWith("@");
    }

    private Path file(Function<String, ParameterException> usage) {
        String name = value.substring(1);
        if (name.equals("-")) throw usage.apply("reading data from stdin (@-) is not supported: write it to a file and pass @FILE");
        return Path.of(name);
    }

    private byte[] bytes(Function<String, ParameterException> usage) {
        if (!isFile()) return value.getBytes(StandardCharsets.UTF_8);
        Path file = file(usage);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw usage.apply("cannot read " + file + ": " + e);
        }
        return kind == Kind.TEXT ? withoutLineBreaks(content) : content;
    }

    private static byte[] withoutLineBreaks(byte[] content) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(content.length);
        for (byte b : content) {
            if (b != '\r' && b != '\n') kept.write(b);
        }
        return kept.toByteArray();
    }
}
