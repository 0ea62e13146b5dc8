package dev.stscreds.source;

import dev.stscreds.CredentialsException;
import dev.stscreds.wire.JsonDocument;
import java.util.Optional;

/** Turns an endpoint's error body into a short phrase for an error message. */
final class ErrorBodies {
    private static final int MAX_TEXT = 200;

    private ErrorBodies() {}

    /**
     * {@code "AccessDenied: the token is not valid"} for a {@code {"code", "message"}} document
     * (either capitalisation), else the body's first characters with control characters removed;
     * empty for an empty body.
     */
    static Optional<String> describe(String body) {
        String text = body.strip();
        if (text.isEmpty()) return Optional.empty();
        if (text.startsWith("{")) {
            try {
                JsonDocument doc = JsonDocument.parseObject(text, "error body");
                Optional<String> code = field(doc, "code", "Code");
                Optional<String> message = field(doc, "message", "Message");
                if (code.isPresent() || message.isPresent()) {
                    return Optional.of(code.map(c -> message.map(m -> c + ": " + m).orElse(c)).orElseGet(message::get));
                }
            } catch (CredentialsException notJson) {
                // fall through to the raw text
            }
        }
        return Optional.of(abbreviate(text));
    }

    private static Optional<String> field(JsonDocument doc, String name, String other) {
        try {
            return doc.string(name).or(() -> doc.string(other));
        } catch (CredentialsException notAString) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String text) {
        String clean = text.replaceAll("\\p{Cntrl}+", " ");
        return clean.length() <= MAX_TEXT ? clean : clean.substring(0, MAX_TEXT) + "…";
    }
}
