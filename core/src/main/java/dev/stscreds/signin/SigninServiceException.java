package dev.stscreds.signin;

import dev.stscreds.CredentialsException;
import java.util.Optional;

/**
 * The sign-in service answered CreateOAuth2Token with an error: the AWS error type
 * ({@code AccessDeniedException}, {@code ValidationException}, …), the service's {@code error} code
 * ({@code TOKEN_EXPIRED}, {@code USER_CREDENTIALS_CHANGED}, {@code INSUFFICIENT_PERMISSIONS},
 * {@code AUTHCODE_EXPIRED}, {@code INVALID_REQUEST}, …) and the HTTP status. No token in the message.
 */
public final class SigninServiceException extends CredentialsException {
    private final int status;
    private final String errorType;
    private final String errorCode;

    SigninServiceException(String message, String hint, int status, String errorType, String errorCode) {
        super(message, hint);
        this.status = status;
        this.errorType = errorType;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The session is over for good: the user must sign in again. */
    public boolean needsNewSignIn() {
        return "TOKEN_EXPIRED".equals(errorCode) || "USER_CREDENTIALS_CHANGED".equals(errorCode)
                || "AUTHCODE_EXPIRED".equals(errorCode);
    }

    /** An answer from the service that retrying will not change (a 4xx other than throttling). */
    public boolean isClientError() {
        return status >= 400 && status < 500 && status != 429;
    }
}
