package dev.stscreds.wire.query;

import dev.stscreds.wire.HttpFetch;
import java.net.URI;
import java.util.Optional;

/** Reads a Query-protocol answer: the {@code <ActionResult>} of a success, or the error it carries. */
final class QueryAnswers {
    private QueryAnswers() {}

    static XmlElement read(String action, URI endpoint, HttpFetch.Response answer) {
        Optional<String> headerRequestId = answer.header("x-amzn-requestid");
        XmlElement root;
        try {
            root = SafeXml.parse(answer.body());
        } catch (SafeXml.XmlFormatException e) {
            String code = answer.status() >= 500 ? "InternalFailure" : answer.isSuccess() ? "MalformedAnswer" : "HTTP" + answer.status();
            throw new AwsServiceException(action, endpoint.toString(), answer.isSuccess() ? 502 : answer.status(), code,
                    "the answer " + e.getMessage(), headerRequestId.orElse(null));
        }
        String requestId = root.descendant("RequestId").or(() -> root.descendant("RequestID"))
                .map(XmlElement::text).filter(t -> !t.isEmpty())
                .or(() -> headerRequestId).orElse(null);
        if (root.name().equals("ErrorResponse") || root.name().equals("Response") || root.name().equals("Errors")) {
            XmlElement error = root.descendant("Error").orElse(root);
            String code = error.textAt("Code").orElse("HTTP" + answer.status());
            String message = error.textAt("Message").orElse("");
            throw new AwsServiceException(action, endpoint.toString(), answer.status(), code, message, requestId);
        }
        if (!answer.isSuccess()) {
            throw new AwsServiceException(action, endpoint.toString(), answer.status(), "HTTP" + answer.status(),
                    "the answer is <" + root.name() + ">, not an error document", requestId);
        }
        // Actions such as DeleteAccessKey answer with no <Result>: the response itself stands for it, and a
        // caller that needs a field reports its absence.
        return root.child(action + "Result").orElse(root);
    }
}
