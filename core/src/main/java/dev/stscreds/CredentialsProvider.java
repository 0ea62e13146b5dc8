package dev.stscreds;

/**
 * Answers one question: "give me credentials".
 *
 * <p>A provider that is not configured at all (no environment variables, no such profile) throws
 * {@link CredentialsNotConfiguredException} so that a chain can move on; any other failure is a
 * {@link CredentialsException} that says what failed, where, and what to do.
 */
@FunctionalInterface
public interface CredentialsProvider {

    Credentials resolve();

    /** A short human name of this source, used in chains and explanations. */
    default String name() {
        return getClass().getSimpleName();
    }
}
