package dev.stscreds.sso;

import dev.stscreds.CredentialsException;
import java.util.Optional;

/**
 * An IAM Identity Center endpoint answered with an error. Carries the AWS error type (from
 * {@code x-amzn-errortype}, e.g. {@code UnauthorizedException}), the OAuth error of the OIDC API
 * ({@code authorization_pending}, {@code slow_down}, …) and the HTTP status. The message names the
 * operation and the endpoint, never a token.
 */
public class SsoServiceException extends CredentialsException {
    private final String operation;
    private final int status;
    private final String errorType;
    private final String oauthError;

    SsoServiceException(String operation, String endpoint, int status, String errorType, String oauthError,
                        String description, String hint) {
        super(operation + " at " + endpoint + " failed: " + (oauthError != null ? oauthError : errorType)
                + (description == null || description.isEmpty() ? "" : ": " + description) + " (HTTP " + status + ")", hint);
        this.operation = operation;
        this.status = status;
        this.errorType = errorType;
        this.oauthError = oauthError;
    }

    public String operation() {
        return operation;
    }

    public int status() {
        return status;
    }

    /** The AWS error type, e.g. {@code UnauthorizedException}, or {@code HTTP 502} when the answer named none. */
    public String errorType() {
        return errorType;
    }

    /** The OAuth {@code error} of the OIDC API, e.g. {@code authorization_pending}. */
    public Optional<String> oauthError() {
        return Optional.ofNullable(oauthError);
    }
}
