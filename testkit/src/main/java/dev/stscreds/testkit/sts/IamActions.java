package dev.stscreds.testkit.sts;

import java.util.List;
import java.util.Map;

/**
 * The IAM actions (version 2010-05-08) the local endpoint answers: the calling user's own
 * details, MFA devices and access keys, or another user's with {@code UserName}.
 */
final class IamActions {
    private final LocalSts sts;

    IamActions(LocalSts sts) {
        this.sts = sts;
    }

    Map<String, ActionHandler> handlers() {
        return Map.of(
                "GetUser", this::getUser,
                "ListMFADevices", this::listMfaDevices,
                "CreateAccessKey", this::createAccessKey,
                "UpdateAccessKey", this::updateAccessKey,
                "DeleteAccessKey", this::deleteAccessKey,
                "ListAccessKeys", this::listAccessKeys);
    }

    private Xml getUser(QueryParams p, Identity who) {
        User u = targetUser(p, who);
        return new Xml().open("User")
                .element("Path", "/")
                .element("UserName", u.name())
                .element("UserId", u.userId())
                .element("Arn", u.arn())
                .element("CreateDate", u.createDate())
                .close("User");
    }

    private Xml listMfaDevices(QueryParams p, Identity who) {
        User u = targetUser(p, who);
        Xml xml = new Xml().open("MFADevices");
        for (VirtualMfa d : sts.directory().mfaDevices(u)) {
            xml.open("member").element("UserName", u.name()).element("SerialNumber", d.serialNumber())
                    .element("EnableDate", d.enableDate()).close("member");
        }
        return xml.close("MFADevices").element("IsTruncated", false);
    }

    private Xml createAccessKey(QueryParams p, Identity who) {
        User u = targetUser(p, who);
        AccessKey k = sts.newAccessKey(u);
        return new Xml().open("AccessKey")
                .element("UserName", k.userName())
                .element("AccessKeyId", k.accessKeyId())
                .element("Status", k.status())
                .element("SecretAccessKey", k.secretAccessKey())
                .element("CreateDate", k.createDate())
                .close("AccessKey");
    }

    private Xml updateAccessKey(QueryParams p, Identity who) {
        String keyId = p.get("AccessKeyId");
        String status = p.get("Status");
        Validation v = new Validation();
        accessKeyId(v, keyId);
        v.required(status, "status").oneOf(status, "status", List.of("Active", "Inactive"));
        v.check();
        User u = targetUser(p, who);
        if (!sts.directory().setStatus(u.account(), u.name(), keyId, AccessKey.Status.valueOf(status))) throw noSuchKey(keyId);
        return null;
    }

    private Xml deleteAccessKey(QueryParams p, Identity who) {
        String keyId = p.get("AccessKeyId");
        Validation v = new Validation();
        accessKeyId(v, keyId);
        v.check();
        User u = targetUser(p, who);
        if (!sts.directory().deleteAccessKey(u.account(), u.name(), keyId)) throw noSuchKey(keyId);
        return null;
    }

    private Xml listAccessKeys(QueryParams p, Identity who) {
        User u = targetUser(p, who);
        Xml xml = new Xml().element("UserName", u.name()).open("AccessKeyMetadata");
        for (AccessKey k : sts.directory().accessKeys(u.account(), u.name())) {
            xml.open("member").element("UserName", k.userName()).element("AccessKeyId", k.accessKeyId())
                    .element("Status", k.status()).element("CreateDate", k.createDate()).close("member");
        }
        return xml.close("AccessKeyMetadata").element("IsTruncated", false);
    }

    /**
     * The user named by {@code UserName}, else the calling user. Sessions from GetSessionToken
     * without MFA may not call IAM at all, as in AWS.
     */
    private User targetUser(QueryParams p, Identity who) {
        if (who.temporary() && who.caller().kind() == Caller.Kind.USER && !who.mfaPresent()) throw AwsError.invalidClientTokenId();
        String name = p.get("UserName");
        Validation v = new Validation();
        v.length(name, "userName", 1, 64).pattern(name, "userName", "[\\w+=,.@-]+");
        v.check();
        if (name == null) {
            if (who.caller().kind() != Caller.Kind.USER) {
                throw AwsError.validation("Must specify userName when calling with non-User credentials");
            }
            name = who.caller().name();
        }
        String userName = name;
        return sts.directory().user(who.caller().account(), userName).orElseThrow(
                () -> new AwsError(404, "NoSuchEntity", "The user with name " + userName + " cannot be found."));
    }

    private static void accessKeyId(Validation v, String keyId) {
        v.required(keyId, "accessKeyId").length(keyId, "accessKeyId", 16, 128).pattern(keyId, "accessKeyId", "[\\w]+");
    }

    private static AwsError noSuchKey(String keyId) {
        return new AwsError(404, "NoSuchEntity", "The Access Key with id " + keyId + " cannot be found.");
    }
}
