package dev.stscreds.wire.sts;

import dev.stscreds.CredentialsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything AssumeRole takes (SPEC §6), checked before any call. The MFA code is not part of it:
 * it is asked for at the moment of the call, only when a session is really needed.
 */
public final class AssumeRoleRequest {
    static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private final String roleArn;
    private final String roleSessionName;
    private final Duration duration;
    private final String externalId;
    private final String policy;
    private final List<String> policyArns;
    private final String serialNumber;
    private final String sourceIdentity;
    private final Map<String, String> tags;
    private final List<String> transitiveTagKeys;

    private AssumeRoleRequest(Builder b) {
        this.roleArn = b.roleArn;
        this.roleSessionName = b.roleSessionName;
        this.duration = b.duration;
        this.externalId = b.externalId;
        this.policy = b.policy;
        this.policyArns = List.copyOf(b.policyArns);
        this.serialNumber = b.serialNumber;
        this.sourceIdentity = b.sourceIdentity;
        this.tags = Map.copyOf(b.tags);
        this.transitiveTagKeys = List.copyOf(b.transitiveTagKeys);
    }

    public static Builder builder(String roleArn) {
        return new Builder(roleArn);
    }

    public String roleArn() { return roleArn; }
    /** The configured session name; empty means one is generated at each call. */
    public Optional<String> roleSessionName() { return Optional.ofNullable(roleSessionName); }
    public Optional<Duration> duration() { return Optional.ofNullable(duration); }
    public Optional<String> externalId() { return Optional.ofNullable(externalId); }
    public Optional<String> policy() { return Optional.ofNullable(policy); }
    public List<String> policyArns() { return policyArns; }
    public Optional<String> serialNumber() { return Optional.ofNullable(serialNumber); }
    public Optional<String> sourceIdentity() { return Optional.ofNullable(sourceIdentity); }
    public Map<String, String> tags() { return tags; }
    public List<String> transitiveTagKeys() { return transitiveTagKeys; }

    @Override
    public String toString() {
        return "AssumeRoleRequest[" + roleArn + (serialNumber == null ? "" : ", mfa " + serialNumber) + "]";
    }

    public static final class Builder {
        private final String roleArn;
        private String roleSessionName;
        private Duration duration;
        private String externalId;
        private String policy;
        private final List<String> policyArns = new ArrayList<>();
        private String serialNumber;
        private String sourceIdentity;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private final List<String> transitiveTagKeys = new ArrayList<>();

        private Builder(String roleArn) {
            this.roleArn = Objects.requireNonNull(roleArn, "roleArn").trim();
        }

        public Builder roleSessionName(String v) { this.roleSessionName = v; return this; }
        public Builder duration(Duration v) { this.duration = v; return this; }
        public Builder externalId(String v) { this.externalId = v; return this; }
        public Builder policy(String v) { this.policy = v; return this; }
        public Builder policyArn(String v) { this.policyArns.add(v); return this; }
        public Builder serialNumber(String v) { this.serialNumber = v; return this; }
        public Builder sourceIdentity(String v) { this.sourceIdentity = v; return this; }
        public Builder tag(String key, String value) { this.tags.put(key, value); return this; }
        public Builder transitiveTagKey(String v) { this.transitiveTagKeys.add(v); return this; }

        /** @throws CredentialsException naming the parameter that STS would refuse */
        public AssumeRoleRequest build() {
            // Only what is no IAM role ARN at all is refused: STS has the last word on the rest, as in the SDKs.
            if (RoleArn.parse(roleArn).isEmpty()) {
                throw new CredentialsException("role_arn \"" + roleArn + "\" is not an IAM role ARN",
                        "write it as arn:PARTITION:iam::ACCOUNT:role/NAME, e.g. arn:aws:iam::123456789012:role/NAME");
            }
            if (roleSessionName != null && !SESSION_NAME.matcher(roleSessionName).matches()) {
                throw new CredentialsException("role session name \"" + roleSessionName + "\" is not valid",
                        "use 2 to 64 characters among letters, digits and + = , . @ _ -");
            }
            if (duration != null && (duration.getSeconds() < 900 || duration.getSeconds() > 43_200)) {
                throw new CredentialsException("AssumeRole duration " + duration.getSeconds() + " s is outside 900–43200 s",
                        "use between 15 minutes and 12 hours (the role's maximum session duration may be lower)");
            }
            if (tags.size() > 50) {
                throw new CredentialsException("AssumeRole takes at most 50 session tags, not " + tags.size(), null);
            }
            if (policyArns.size() > 10) {
                throw new CredentialsException("AssumeRole takes at most 10 managed policy ARNs, not " + policyArns.size(), null);
            }
            return new AssumeRoleRequest(this);
        }
    }
}
