package dev.stscreds.resolve;

import dev.stscreds.CredentialsProvider;

/**
 * One source of a chain: the provider that resolves, and a check that says, without any network
 * call or child process, whether the source is configured.
 */
public interface ChainLink {

    String name();

    CredentialsProvider provider();

    /**
     * Whether this source would be asked, told without a network call or child process:
     * {@code CONFIGURED}, {@code SKIPPED}, {@code FAILED} (misconfigured) or {@code NOT_CHECKED}.
     */
    SourceReport check();
}
