package dev.stscreds.rolesanywhere;

import dev.stscreds.CredentialsException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of IAM Roles Anywhere's CreateSession: which trust anchor vouches for the
 * certificate, which profile and role the session is for, how long it lasts and what it is called.
 *
 * @param durationSeconds 900 to 43,200 (the service's own default is 3,600)
 * @param roleSessionName null for the service's default (the certificate's serial number)
 */
public record CreateSessionRequest(String trustAnchorArn, String profileArn, String roleArn, int durationSeconds,
                                   String roleSessionName) {
    public static final int DEFAULT_DURATION_SECONDS = 3600;
    private static final Pattern RESOURCE_ARN =
            Pattern.compile("arn:(aws[a-z-]*):rolesanywhere:([a-z0-9-]+):(\\d{12}):(trust-anchor|profile)/[0-9a-fA-F-]{1,64}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    public CreateSessionRequest {
        Matcher anchor = check(trustAnchorArn, "trust-anchor", "trust anchor ARN (--trust-anchor-arn, roles_anywhere_trust_anchor_arn)");
        Matcher profile = check(profileArn, "profile", "profile ARN (--profile-arn, roles_anywhere_profile_arn)");
        if (!anchor.group(2).equals(profile.group(2)) || !anchor.group(1).equals(profile.group(1))) {
            throw new CredentialsException("the trust anchor is in " + anchor.group(2) + " but the Roles Anywhere profile is in "
                    + profile.group(2), "use a trust anchor and a profile of the same region");
        }
        if (roleArn == null || !ROLE_ARN.matcher(roleArn).matches()) {
            throw new CredentialsException("the role ARN \"" + shown(roleArn) + "\" is not an IAM role ARN",
                    "write it as arn:aws:iam::ACCOUNT:role/NAME");
        }
        if (durationSeconds < 900 || durationSeconds > 43200) {
            throw new CredentialsException("a Roles Anywhere session lasts 900 to 43,200 seconds, not " + durationSeconds,
                    "set --session-duration (or duration_seconds) within that range");
        }
        if (roleSessionName != null && !SESSION_NAME.matcher(roleSessionName).matches()) {
            throw new CredentialsException("the role session name \"" + shown(roleSessionName) + "\" is not 2 to 64 of "
                    + "letters, digits and +=,.@_-", "choose another --role-session-name");
        }
    }

    /** The region of the trust anchor, where CreateSession is called unless told otherwise. */
    public String region() {
        Matcher m = RESOURCE_ARN.matcher(trustAnchorArn);
        m.matches();
        return m.group(2);
    }

    /** The account of the role. */
    public String accountId() {
        return roleArn.split(":", 6)[4];
    }

    public Optional<String> sessionName() {
        return Optional.ofNullable(roleSessionName);
    }

    private static Matcher check(String arn, String kind, String what) {
        Matcher m = RESOURCE_ARN.matcher(arn == null ? "" : arn);
        if (!m.matches() || !m.group(4).equals(kind)) {
            throw new CredentialsException("the " + what + " \"" + shown(arn) + "\" is not a Roles Anywhere " + kind + " ARN",
                    "write it as arn:aws:rolesanywhere:REGION:ACCOUNT:" + kind + "/ID");
        }
        return m;
    }

    private static String shown(String value) {
        if (value == null) return "";
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 200 ? printable.substring(0, 200) + "…" : printable;
    }
}
