package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.Fault;

/**
 * Ready-made misbehaviour of a real STS, for {@link LocalSts#faults()}. Each is an ordinary
 * {@link Fault}: narrow it with {@link Fault#onlyForAction(String)}. The slow answers are
 * {@link Fault#delay} and {@link Fault#slowDrip}, the huge one {@link Fault#oversizedBody}, a cut
 * connection {@link Fault#truncatedBody()} and {@link Fault#closeConnection()}.
 */
public final class StsFaults {
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private StsFaults() {}

    /** 400 {@code Throttling} "Rate exceeded", what STS answers when called too often. */
    public static Fault throttling() {
        return error(400, "Sender", "Throttling", "Rate exceeded");
    }

    /** 400 {@code IDPCommunicationError}: the web identity provider could not be reached (retryable). */
    public static Fault idpCommunicationError() {
        return error(400, "Sender", "IDPCommunicationError",
                "The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached.");
    }

    /** 500 with an HTML page, as a load balancer in front of a broken service answers. */
    public static Fault serverErrorHtml() {
        return Fault.answer(500, "text/html",
                "<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>");
    }

    /** 200 whose XML stops in the middle of the credentials, with a correct Content-Length. */
    public static Fault truncatedXml() {
        return Fault.answer(200, "text/xml", "<AssumeRoleResponse xmlns=\"" + NAMESPACE + "\"><AssumeRoleResult><Credentials>"
                + "<AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId><SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfi");
    }

    /** Any STS error document with this status, type ({@code Sender} or {@code Receiver}), code and message. */
    public static Fault error(int status, String type, String code, String message) {
        Xml xml = new Xml().open("ErrorResponse", NAMESPACE)
                .open("Error").element("Type", type).element("Code", code).element("Message", message).close("Error")
                .element("RequestId", "00000000-0000-0000-0000-000000000000")
                .close("ErrorResponse");
        return Fault.answer(status, "text/xml", xml.toString());
    }
}
