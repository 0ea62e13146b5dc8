package dev.stscreds.rolesanywhere;

import dev.stscreds.CredentialsException;

/** CreateSession refused: the service's error type and message, the endpoint and what to check. */
public final class RolesAnywhereException extends CredentialsException {
    private final int status;
    private final String errorType;

    RolesAnywhereException(String message, String hint, int status, String errorType) {
        super(message, hint);
        this.status = status;
        this.errorType = errorType;
    }

    public int status() {
        return status;
    }

    /** e.g. {@code AccessDeniedException}, {@code ValidationException}, {@code ResourceNotFoundException}. */
    public String errorType() {
        return errorType;
    }
}
