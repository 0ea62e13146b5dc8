package dev.stscreds.testkit.sts;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * One AWS account on a {@link LocalSts}: create its users, access keys, MFA devices and roles.
 * Objects are views; two for the same id see the same data.
 */
public final class Account {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Duration MIN_MAX_SESSION = Duration.ofHours(1);
    private static final Duration MAX_MAX_SESSION = Duration.ofHours(12);

    private final LocalSts sts;
    private final String id;

    Account(LocalSts sts, String id) {
        if (!ACCOUNT_ID.matcher(id).matches()) throw new IllegalArgumentException("an account id has 12 digits: " + id);
        this.sts = sts;
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** {@code arn:aws:iam::ACCOUNT:root}, the principal that stands for every identity of the account. */
    public String rootArn() {
        return "arn:aws:iam::" + id + ":root";
    }

    /** The testkit's OIDC provider as registered in this account. */
    public String oidcProviderArn() {
        return LocalSts.oidcProviderArn(id);
    }

    /** Creates an IAM user; returns its ARN {@code arn:aws:iam::ACCOUNT:user/NAME}. */
    public String createUser(String name) {
        requireName(name, "user");
        User user = new User(id, name, sts.ids().uniqueId("AIDA"), User.arn(id, name), sts.now().truncatedTo(ChronoUnit.SECONDS));
        sts.directory().addUser(user);
        return user.arn();
    }

    /** A new active access key for the user; a third key is refused, as IAM does. */
    public AccessKey createAccessKey(String userName) {
        try {
            return sts.newAccessKey(user(userName));
        } catch (AwsError e) {
            throw new IllegalStateException(e.getMessage() + " (user " + userName + ")");
        }
    }

    /** A new virtual MFA device for the user, serial {@code arn:aws:iam::ACCOUNT:mfa/USER} (then USER-2, …). */
    public VirtualMfa createVirtualMfa(String userName) {
        User user = user(userName);
        int existing = sts.directory().mfaDevices(user).size();
        String deviceName = existing == 0 ? userName : userName + "-" + (existing + 1);
        VirtualMfa mfa = new VirtualMfa(userName, "arn:aws:iam::" + id + ":mfa/" + deviceName,
                Base32.encode(sts.ids().bytes(20)), sts.now().truncatedTo(ChronoUnit.SECONDS));
        sts.directory().addMfa(user, mfa);
        return mfa;
    }

    /** Creates a role whose sessions last up to one hour; returns its ARN. */
    public String createRole(String name, String trustPolicyJson) {
        return createRole(name, trustPolicyJson, MIN_MAX_SESSION);
    }

    /**
     * Creates a role; {@link IllegalArgumentException} when the trust policy is not JSON or uses
     * something the local STS does not evaluate, or the maximum is outside 1 to 12 hours.
     */
    public String createRole(String name, String trustPolicyJson, Duration maxSessionDuration) {
        requireName(name, "role");
        if (maxSessionDuration.compareTo(MIN_MAX_SESSION) < 0 || maxSessionDuration.compareTo(MAX_MAX_SESSION) > 0) {
            throw new IllegalArgumentException("the maximum session duration of role " + name + " must be 1 to 12 hours, not "
                    + maxSessionDuration);
        }
        TrustPolicy trust;
        try {
            trust = TrustPolicy.parse(trustPolicyJson);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trust policy of role " + name + ": " + e.getMessage(), e);
        }
        Role role = new Role(id, name, sts.ids().uniqueId("AROA"), Role.arn(id, name), trust, maxSessionDuration,
                sts.now().truncatedTo(ChronoUnit.SECONDS));
        sts.directory().addRole(role);
        return role.arn();
    }

    private User user(String name) {
        return sts.directory().user(id, name)
                .orElseThrow(() -> new IllegalArgumentException("no user " + name + " in account " + id));
    }

    private static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an IAM " + what + " name is 1 to 64 of letters, digits and +=,.@_-: " + name);
        }
    }

    @Override
    public String toString() {
        return "Account[" + id + "]";
    }
}
