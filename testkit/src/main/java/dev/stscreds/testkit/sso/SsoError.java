package dev.stscreds.testkit.sso;

import dev.stscreds.testkit.Json;
import dev.stscreds.testkit.LoopbackHttp.Answer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer of the local SSO endpoints, shaped as AWS sends it: the error type in the
 * {@code x-amzn-errortype} header, and a JSON body. The OIDC API's body is OAuth's
 * {@code {"error": "authorization_pending", "error_description": …}}; the portal's is {@code {"message": …}}.
 */
final class SsoError extends RuntimeException {
    private final int status;
    private final String type;
    private final String oauthError;

    private SsoError(int status, String type, String oauthError, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.oauthError = oauthError;
    }

    static SsoError oauth(int status, String type, String error, String description) {
        return new SsoError(status, type, error, description);
    }

    static SsoError portal(int status, String type, String message) {
        return new SsoError(status, type, null, message);
    }

    static SsoError invalidRequest(String message) {
        return new SsoError(400, "InvalidRequestException", "invalid_request", message);
    }

    static SsoError unauthorized() {
        return portal(401, "UnauthorizedException", "Session token not found or invalid");
    }

    String type() {
        return type;
    }

    Answer answer() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (oauthError != null) {
            body.put("error", oauthError);
            body.put("error_description", getMessage());
        } else {
            body.put("message", getMessage());
        }
        return Answer.json(status, Json.write(body)).withHeader("x-amzn-errortype", type + ":");
    }
}
