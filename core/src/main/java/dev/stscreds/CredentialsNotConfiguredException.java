package dev.stscreds;

/**
 * The source has nothing configured (no variables set, no such profile, not on EC2…): a chain
 * records the reason as "skipped" and asks the next source. A source that is configured but
 * broken throws a plain {@link CredentialsException} instead.
 */
public class CredentialsNotConfiguredException extends CredentialsException {
    public CredentialsNotConfiguredException(String reason) {
        super(reason);
    }

    public CredentialsNotConfiguredException(String reason, String hint) {
        super(reason, hint);
    }
}
