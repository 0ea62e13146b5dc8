package dev.stscreds.wire.query;

/** What a user can do about each error code STS and IAM answer with. */
final class HintsByCode {
    private HintsByCode() {}

    static String hint(String code, String operation) {
        switch (code) {
            case "ExpiredToken":
            case "ExpiredTokenException":
                return "the session used to sign the request has expired: get a new one (stscreds refreshes sessions it made itself)";
            case "InvalidClientTokenId":
                return "the access key id is unknown here: it was deleted or deactivated, belongs to another partition,"
                        + " or the region is not enabled for this account";
            case "SignatureDoesNotMatch":
                return "the secret access key does not belong to this key id, or this machine's clock is off by more than 15 minutes";
            case "AccessDenied":
                return operation.startsWith("AssumeRole")
                        ? "check the role's trust policy: the caller must be allowed, and any required MFA code or external id given"
                        : "the caller's policies do not allow " + operation;
            case "RegionDisabledException":
                return "STS is not enabled in this region for the account: enable the region, or use another region or the global endpoint";
            case "MalformedPolicyDocument":
                return "the session policy is not valid JSON policy grammar";
            case "PackedPolicyTooLarge":
                return "the session policies and tags are too large once packed: pass fewer policies or tags";
            case "InvalidIdentityToken":
            case "IDPRejectedClaim":
                return "the web identity token was refused: check that it is current and issued for this role's provider and audience";
            case "ValidationError":
                return "a parameter is out of range; the message says which";
            default:
                return null;
        }
    }
}
