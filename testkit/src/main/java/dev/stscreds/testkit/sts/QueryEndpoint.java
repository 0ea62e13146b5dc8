package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.LoopbackHttp.Answer;
import dev.stscreds.testkit.LoopbackHttp.Request;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns one HTTP request into one Query-protocol answer: reads the parameters, picks STS or IAM
 * by the signature's scope, authenticates, runs the action, and wraps the result or the error in
 * AWS's XML with a fresh request id.
 */
final class QueryEndpoint {
    /** Actions STS accepts without a signature. */
    private static final Set<String> UNSIGNED = Set.of("AssumeRoleWithWebIdentity", "AssumeRoleWithSAML");

    private final Authenticator authenticator;
    private final Map<Service, Map<String, ActionHandler>> actions;
    private final Supplier<Instant> now;
    private final Supplier<String> requestIds;

    QueryEndpoint(Authenticator authenticator, Map<String, ActionHandler> sts, Map<String, ActionHandler> iam,
            Supplier<Instant> now, Supplier<String> requestIds) {
        this.authenticator = authenticator;
        this.actions = Map.of(Service.STS, sts, Service.IAM, iam);
        this.now = now;
        this.requestIds = requestIds;
    }

    Answer answer(Request r) {
        String requestId = requestIds.get();
        Service service = Service.STS;
        try {
            QueryParams params = QueryParams.of(r.rawQuery(), new String(r.body(), StandardCharsets.UTF_8));
            String authorization = r.header("Authorization");
            SigV4Verifier.Authorization signed = authorization == null ? null : SigV4Verifier.parse(authorization);
            service = signed != null ? Service.bySigningName(signed.service())
                    : Service.IAM.version.equals(params.get("Version")) ? Service.IAM : Service.STS;
            if (service == null) {
                service = Service.STS;
                throw AwsError.signatureDoesNotMatch("Credential should be scoped to correct service: 'sts'. ");
            }
            String action = params.get("Action");
            if (action == null) throw new AwsError(400, "MissingAction", "The request is missing an action or a required parameter.");
            String version = params.get("Version");
            ActionHandler handler = actions.get(service).get(action);
            if (handler == null || !service.version.equals(version)) {
                throw new AwsError(400, "InvalidAction", "Could not find operation " + action + " for version "
                        + (version == null ? "NO_VERSION_SPECIFIED" : version));
            }
            Identity caller = null;
            if (signed != null) {
                caller = authenticator.authenticate(r, signed, now.get(), service.expiredTokenStatus);
            } else if (!UNSIGNED.contains(action)) {
                throw new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
            }
            return success(service, action, handler.run(params, caller), requestId);
        } catch (AwsError e) {
            return error(service, e, requestId);
        } catch (RuntimeException e) {
            // a bug here must still reach the client as an answer, the way AWS reports its own failures
            return error(service, new AwsError(500, "InternalFailure",
                    "The request processing has failed because of an unknown error, exception or failure."), requestId);
        }
    }

    private static Answer success(Service service, String action, Xml result, String requestId) {
        Xml xml = new Xml().open(action + "Response", service.namespace);
        if (result != null) xml.open(action + "Result").raw(result).close(action + "Result");
        xml.open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata").close(action + "Response");
        return xmlAnswer(200, xml, requestId);
    }

    private static Answer error(Service service, AwsError e, String requestId) {
        Xml xml = new Xml().open("ErrorResponse", service.namespace)
                .open("Error").element("Type", e.type()).element("Code", e.code()).element("Message", e.getMessage()).close("Error")
                .element("RequestId", requestId)
                .close("ErrorResponse");
        return xmlAnswer(e.status(), xml, requestId);
    }

    private static Answer xmlAnswer(int status, Xml xml, String requestId) {
        return Answer.of(status, "text/xml", xml.toString()).withHeader("x-amzn-RequestId", requestId);
    }
}
