package dev.stscreds.source;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.wire.JsonDocument;
import dev.stscreds.wire.Timestamps;

/**
 * The credentials JSON that container and instance metadata endpoints answer with:
 * {@code AccessKeyId}, {@code SecretAccessKey}, {@code Token}, {@code Expiration} (all required)
 * and an optional {@code AccountId}.
 */
final class MetadataCredentialsDocument {
    private MetadataCredentialsDocument() {}

    /**
     * @param origin names the document in errors, e.g. {@code "the answer of container endpoint http://…"}
     * @param hint   what to do when the document is not what it should be
     */
    static JsonDocument parse(String body, String origin, String hint) {
        try {
            return JsonDocument.parseObject(body, origin);
        } catch (CredentialsException e) {
            throw new CredentialsException(e.getMessage(), hint);
        }
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
