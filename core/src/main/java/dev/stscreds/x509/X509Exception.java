package dev.stscreds.x509;

import dev.stscreds.CredentialsException;

/** A certificate or private key that cannot be used: which file, what is wrong, what to do. */
public final class X509Exception extends CredentialsException {
    public X509Exception(String message, String hint) {
        super(message, hint);
    }

    public X509Exception(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
