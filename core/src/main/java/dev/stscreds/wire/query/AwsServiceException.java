package dev.stscreds.wire.query;

import dev.stscreds.CredentialsException;
import java.util.Optional;
import java.util.Set;

/**
 * A service answered with an error (or with something that is not an answer). Carries AWS's code,
 * message and request id; the message says which operation at which endpoint, and the hint what
 * to do about that code.
 */
public class AwsServiceException extends CredentialsException {
    private static final Set<String> RETRYABLE = Set.of(
            "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException",
            "IDPCommunicationError", "InternalFailure", "InternalError", "ServiceUnavailable");

    private final String code;
    private final String awsMessage;
    private final String requestId;
    private final int status;

    public AwsServiceException(String operation, String endpoint, int status, String code, String awsMessage, String requestId) {
        super(describe(operation, endpoint, status, code, awsMessage, requestId), HintsByCode.hint(code, operation));
        this.code = code;
        this.awsMessage = awsMessage;
        this.requestId = requestId;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public String awsMessage() {
        return awsMessage;
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** Worth trying again after a pause: throttling, a 5xx, a failed call to an identity provider. */
    public boolean retryable() {
        return status >= 500 || RETRYABLE.contains(code);
    }

    private static String describe(String operation, String endpoint, int status, String code, String message, String requestId) {
        StringBuilder s = new StringBuilder(operation).append(" at ").append(endpoint).append(" failed: ").append(code);
        if (message != null && !message.isEmpty()) s.append(": ").append(message);
        s.append(" (HTTP ").append(status);
        if (requestId != null) s.append(", request id ").append(requestId);
        return s.append(')').toString();
    }
}
