package dev.stscreds.cache;

import dev.stscreds.wire.JsonDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The file name (without {@code .json}) the AWS CLI gives an assume-role (or IAM Identity Center
 * role) result in {@code ~/.aws/cli/cache}: hex SHA-1 of Python's {@code json.dumps(args, sort_keys=True)}, so
 * this project and the AWS CLI find each other's cached sessions.
 */
public final class CliCacheKey {
    private CliCacheKey() {}

    /**
     * The key for AssumeRole arguments as the AWS CLI holds them, e.g. {@code RoleArn},
     * {@code SerialNumber}, {@code DurationSeconds} (an int) and {@code Policy} (already parsed
     * into maps and lists). Values as {@link PythonJson} takes them.
     */
    public static String of(Map<String, ?> args) {
        String json = PythonJson.dumpsSortedKeys(args);
        return Sha1.hex(json);
    }

    /**
     * The key for a profile's role: {@code RoleArn} plus only the settings that are configured
     * ({@code null} means not configured). Pass {@code roleSessionName} only when the user set
     * one: the CLI leaves a generated name out, and a token code is never part of the key.
     *
     * @param policyJson a session policy document (a JSON object); its keys are sorted too
     * @throws dev.stscreds.wire.JsonFormatException if {@code policyJson} is not a JSON object
     */
    public static String forAssumeRole(String roleArn, String roleSessionName, String externalId,
            String serialNumber, Integer durationSeconds, String policyJson) {
        if (roleArn == null || roleArn.isEmpty()) throw new IllegalArgumentException("a role ARN is required");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("RoleArn", roleArn);
        if (roleSessionName != null) args.put("RoleSessionName", roleSessionName);
        if (externalId != null) args.put("ExternalId", externalId);
        if (serialNumber != null) args.put("SerialNumber", serialNumber);
        if (durationSeconds != null) args.put("DurationSeconds", durationSeconds);
        if (policyJson != null) {
            args.put("Policy", JsonDocument.parseObject(policyJson, "the session policy of role " + roleArn).fields());
        }
        return of(args);
    }

    /**
     * The key botocore gives an IAM Identity Center role's credentials: {@code accountId},
     * {@code roleName} and the {@code sessionName} of an sso-session profile or the
     * {@code startUrl} of a legacy one, as compact JSON.
     */
    public static String forSsoRole(String accountId, String roleName, Optional<String> ssoSessionName, String startUrl) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("roleName", roleName);
        args.put("accountId", accountId);
        if (ssoSessionName.isPresent()) args.put("sessionName", ssoSessionName.get());
        else args.put("startUrl", startUrl);
        return Sha1.hex(PythonJson.dumpsSortedKeysCompact(args));
    }
}
