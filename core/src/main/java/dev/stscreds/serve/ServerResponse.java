package dev.stscreds.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the credential server; never cached by anyone on the way. {@code note} is what the
 * log says about a refusal (never a credential: an answer that holds one has no note).
 */
record ServerResponse(int status, String contentType, byte[] body, Map<String, String> headers, String note) {

    static ServerResponse json(int status, String json) {
        return new ServerResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of(), "");
    }

    /** Plain text; for an error, the text is its note in the log too. */
    static ServerResponse text(int status, String text) {
        return new ServerResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of(),
                status >= 200 && status < 300 ? "" : text);
    }

    /** The error shape the container endpoint uses: {@code {"code": …, "message": …}}. */
    static ServerResponse error(int status, String code, String message) {
        ServerResponse json = json(status, CredentialDocuments.error(code, message));
        return new ServerResponse(status, json.contentType, json.body, Map.of(), message);
    }

    ServerResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ServerResponse(status, contentType, body, Map.copyOf(more), note);
    }

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    void writeTo(OutputStream out, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder(160)
                .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Cache-Control: no-store\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        if (!keepAlive) head.append("Connection: close\r\n");
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
