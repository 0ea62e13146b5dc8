package dev.stscreds.testkit.sts;

/**
 * An error answer of the local STS or IAM: HTTP status, the {@code Code} and {@code Message} of the
 * error document. Thrown from deep inside an action and turned into XML at the top.
 */
final class AwsError extends RuntimeException {
    static final String INVALID_TOKEN_MESSAGE = "The security token included in the request is invalid.";

    private final int status;
    private final String code;

    AwsError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static AwsError validation(String message) {
        return new AwsError(400, "ValidationError", message);
    }

    static AwsError accessDenied(String message) {
        return new AwsError(403, "AccessDenied", message);
    }

    static AwsError invalidClientTokenId() {
        return new AwsError(403, "InvalidClientTokenId", INVALID_TOKEN_MESSAGE);
    }

    static AwsError signatureDoesNotMatch(String message) {
        return new AwsError(403, "SignatureDoesNotMatch", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** {@code Receiver} for the service's own failures (5xx), else {@code Sender}. */
    String type() {
        return status >= 500 ? "Receiver" : "Sender";
    }
}
