package dev.stscreds.wire.iam;

import dev.stscreds.Credentials;
import dev.stscreds.wire.query.AwsServiceException;
import dev.stscreds.wire.query.QueryClient;
import dev.stscreds.wire.query.QueryForm;
import dev.stscreds.wire.query.XmlElement;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The IAM calls stscreds needs (version 2010-05-08): who am I, which MFA devices, and access-key
 * rotation. IAM is global: {@code https://iam.amazonaws.com}, signed for us-east-1.
 */
public final class IamClient {
    public static final URI GLOBAL_ENDPOINT = URI.create("https://iam.amazonaws.com/");
    private static final String VERSION = "2010-05-08";

    /** A user as GetUser answers. */
    public record User(String userName, String userId, String arn) {}

    /** An access key's metadata (never its secret). */
    public record AccessKeyInfo(String userName, String accessKeyId, String status) {}

    /** A newly created access key: the only time IAM hands out the secret. */
    public record NewAccessKey(String userName, Credentials credentials) {
        @Override
        public String toString() {
            return "NewAccessKey[" + userName + ", " + credentials + "]";
        }
    }

    private final QueryClient query;

    public IamClient(QueryClient query) {
        this.query = query;
    }

    public static IamClient create(URI endpoint, Clock clock) {
        return new IamClient(QueryClient.builder("iam", endpoint, "us-east-1").clock(clock).build());
    }

    /** The calling user, or {@code userName} when given. */
    public User getUser(Credentials caller, String userName) {
        XmlElement r = query.call(QueryForm.of("GetUser", VERSION).add("UserName", userName), caller);
        return new User(required(r, "GetUser", "User", "UserName"), required(r, "GetUser", "User", "UserId"),
                required(r, "GetUser", "User", "Arn"));
    }

    /** The serial numbers of the user's MFA devices. */
    public List<String> listMfaDevices(Credentials caller, String userName) {
        XmlElement r = query.call(QueryForm.of("ListMFADevices", VERSION).add("UserName", userName), caller);
        List<String> serials = new ArrayList<>();
        for (XmlElement member : members(r, "MFADevices")) member.textAt("SerialNumber").ifPresent(serials::add);
        return serials;
    }

    public List<AccessKeyInfo> listAccessKeys(Credentials caller, String userName) {
        XmlElement r = query.call(QueryForm.of("ListAccessKeys", VERSION).add("UserName", userName), caller);
        List<AccessKeyInfo> keys = new ArrayList<>();
        for (XmlElement m : members(r, "AccessKeyMetadata")) {
            keys.add(new AccessKeyInfo(m.textAt("UserName").orElse(""), m.textAt("AccessKeyId").orElse(""),
                    m.textAt("Status").orElse("")));
        }
        return keys;
    }

    public NewAccessKey createAccessKey(Credentials caller, String userName) {
        XmlElement r = query.call(QueryForm.of("CreateAccessKey", VERSION).add("UserName", userName), caller);
        String user = required(r, "CreateAccessKey", "AccessKey", "UserName");
        Credentials created = Credentials.builder()
                .accessKeyId(required(r, "CreateAccessKey", "AccessKey", "AccessKeyId"))
                .secretAccessKey(required(r, "CreateAccessKey", "AccessKey", "SecretAccessKey"))
                .source("iam CreateAccessKey for " + user)
                .build();
        return new NewAccessKey(user, created);
    }

    /** Sets a key {@code Active} or {@code Inactive}. */
    public void updateAccessKey(Credentials caller, String userName, String accessKeyId, String status) {
        query.call(QueryForm.of("UpdateAccessKey", VERSION).add("UserName", userName)
                .add("AccessKeyId", accessKeyId).add("Status", status), caller);
    }

    public void deleteAccessKey(Credentials caller, String userName, String accessKeyId) {
        query.call(QueryForm.of("DeleteAccessKey", VERSION).add("UserName", userName).add("AccessKeyId", accessKeyId), caller);
    }

    private static List<XmlElement> members(XmlElement result, String list) {
        return result.child(list).map(XmlElement::children).orElse(List.of());
    }

    private String required(XmlElement result, String action, String... path) {
        Optional<String> v = result.textAt(path);
        return v.orElseThrow(() -> new AwsServiceException(action, query.endpoint().toString(), 502, "MalformedAnswer",
                "the answer has no " + String.join("/", path), null));
    }
}
