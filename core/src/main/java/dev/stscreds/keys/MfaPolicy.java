package dev.stscreds.keys;

/**
 * The IAM policy that makes MFA the price of every call (SPEC §10): without MFA a user may only
 * see themselves, list their MFA devices and call GetSessionToken (to get an MFA session);
 * everything else is denied unless the request carries MFA.
 */
public final class MfaPolicy {
    private MfaPolicy() {}

    /** @param userArn e.g. {@code arn:aws:iam::123456789012:user/jon} */
    public static String forUser(String userArn) {
        String account = userArn.split(":", 6).length >= 5 ? userArn.split(":", 6)[4] : "*";
        String mfaArn = "arn:aws:iam::" + account + ":mfa/${aws:username}";
        String userPattern = "arn:aws:iam::" + account + ":user/${aws:username}";
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "AllowSeeingYourselfAndGettingAnMfaSession",
                      "Effect": "Allow",
                      "Action": ["iam:GetUser", "iam:ListMFADevices", "sts:GetSessionToken"],
                      "Resource": ["%s", "%s", "*"]
                    },
                    {
                      "Sid": "DenyEverythingElseWithoutMfa",
                      "Effect": "Deny",
                      "NotAction": ["iam:GetUser", "iam:ListMFADevices", "sts:GetSessionToken"],
                      "Resource": "*",
                      "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
                    }
                  ]
                }
                """.formatted(userPattern, mfaArn);
    }
}
