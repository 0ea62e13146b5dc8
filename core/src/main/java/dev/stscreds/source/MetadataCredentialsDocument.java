package dev.stscreds.source;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.wire.JsonDocument;
import dev.stscreds.wire.Timestamps;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credentials JSON that container and instance metadata endpoints answer with:
 * {@code AccessKeyId}, {@code SecretAccessKey}, {@code Token}, {@code Expiration} (all required)
 * and an optional {@code AccountId}.
 */
final class MetadataCredentialsDocument {
    private static final Pattern POSITION = Pattern.compile("at line \\d+, column \\d+");
    private MetadataCredentialsDocument() {}

    /**
     * @param origin names the document in errors, e.g. {@code "the answer of container endpoint http://…"}
     * @param hint   what to do when the document is not what it should be
     */
    static JsonDocument parse(String body, String origin, String hint) {
        try {
            return JsonDocument.parseObject(body, origin);
        } catch (CredentialsException e) {
            throw new CredentialsException(withoutParserDetail(e.getMessage()), hint);
        }
    }

    /**
     * The parser's own words after "line L, column C" can quote the offending text, which in a
     * broken credentials answer may be a secret: keep only the position.
     */
    static String withoutParserDetail(String message) {
        Matcher m = POSITION.matcher(message);
        return m.find() ? message.substring(0, m.end()) : message;
    }

    static Credentials credentials(JsonDocument doc, String source, String hint) {
        try {
            return Credentials.builder()
                    .accessKeyId(doc.requiredString("AccessKeyId"))
                    .secretAccessKey(doc.requiredString("SecretAccessKey"))
                    .sessionToken(doc.requiredString("Token"))
                    .expiration(Timestamps.parseIso(doc.requiredString("Expiration"),
                            "\"Expiration\" in " + doc.origin()))
                    .accountId(doc.string("AccountId").orElse(null))
                    .source(source)
                    .build();
        } catch (CredentialsException e) {
            throw new CredentialsException(e.getMessage(), e.hint().orElse(hint), e);
        } catch (IllegalArgumentException e) { // e.g. a key id of only spaces
            throw new CredentialsException(doc.origin() + ": " + e.getMessage(), hint, e);
        }
    }
}
