package dev.stscreds.exec;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.output.CredentialsFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The environment a command gets from {@code stscreds exec}, by aws-vault's rules (SPEC §10):
 * every credential and profile variable of the parent is removed (so no other identity leaks in),
 * the profile's credentials, expiry and region are set, and {@code STSCREDS_PROFILE} marks the
 * shell so that a nested {@code exec} is refused.
 */
public final class ExecEnvironment {
    /** Set in the child to the profile name; its presence in a parent means "already inside exec". */
    public static final String MARKER = "STSCREDS_PROFILE";

    private static final Set<String> SCRUBBED = Set.of(
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
            "AWS_CREDENTIAL_EXPIRATION", "AWS_CREDENTIAL_FILE", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
            "AWS_SDK_LOAD_CONFIG", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");

    private ExecEnvironment() {}

    /** Refuses to run inside another {@code stscreds exec}, whose credentials would be mixed up with these. */
    public static void refuseNesting(Map<String, String> parent, String profile) {
        String outer = parent.get(MARKER);
        if (outer != null && !outer.isEmpty()) {
            throw new CredentialsException("this shell already runs under stscreds exec for profile " + outer
                    + " (STSCREDS_PROFILE=" + outer + "); an exec for profile " + profile + " inside it would mix two identities",
                    "leave that shell first (exit), or run `stscreds exec --allow-nested " + profile
                            + " ...` to replace profile " + outer + "'s credentials in the new command");
        }
    }

    /** The parent's environment without the mark of an outer exec: for an exec the user allowed to nest. */
    public static Map<String, String> leaveOuter(Map<String, String> parent) {
        Map<String, String> env = new HashMap<>(parent);
        env.remove(MARKER);
        return env;
    }

    /**
     * For {@code exec --server}: the child finds a local credential server through
     * {@code serverVariables} (AWS_CONTAINER_CREDENTIALS_FULL_URI and its token) instead of
     * holding the keys, so an SDK in it refreshes from the server for as long as it runs.
     */
    public static Map<String, String> buildForServer(Map<String, String> parent, Map<String, String> serverVariables,
                                                     String profile, Optional<String> region) {
        refuseNesting(parent, profile);
        Map<String, String> env = new HashMap<>(parent);
        env.keySet().removeAll(SCRUBBED);
        env.putAll(serverVariables);
        region.ifPresent(r -> {
            env.put("AWS_REGION", r);
            env.put("AWS_DEFAULT_REGION", r);
        });
        env.put(MARKER, profile);
        return env;
    }

    public static Map<String, String> build(Map<String, String> parent, Credentials credentials, String profile,
                                            Optional<String> region) {
        refuseNesting(parent, profile);
        Map<String, String> env = new HashMap<>(parent);
        env.keySet().removeAll(SCRUBBED);
        env.putAll(CredentialsFormat.variables(credentials, region));
        env.put(MARKER, profile);
        return env;
    }
}
