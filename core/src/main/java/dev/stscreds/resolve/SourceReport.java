package dev.stscreds.resolve;

/**
 * What one credential source did, or would do, when asked. The detail never holds a secret.
 *
 * @param source the source's name, e.g. {@code environment} or {@code profile dev}
 * @param status what happened
 * @param detail why, in words a user can act on
 */
public record SourceReport(String source, Status status, String detail) {

    public enum Status {
        /** It was asked and gave credentials. */
        ANSWERED,
        /** It has nothing configured; the chain moved on. */
        SKIPPED,
        /** It is configured but failed; the chain stopped there. */
        FAILED,
        /** An earlier source answered or failed, so this one was not asked. */
        NOT_TRIED,
        /** Without resolving: it is configured and would be asked. */
        CONFIGURED,
        /** Without resolving: only a network call could tell (instance metadata). */
        NOT_CHECKED;

        /** The lower-case word used in text and JSON output. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
