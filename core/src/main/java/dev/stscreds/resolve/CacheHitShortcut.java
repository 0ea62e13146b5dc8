package dev.stscreds.resolve;

import dev.stscreds.cache.CliCacheKey;
import dev.stscreds.cache.PlainCachedSession;
import dev.stscreds.cache.Sha1;
import dev.stscreds.config.PlainProfileFile;
import dev.stscreds.config.ProfileFileKind;
import dev.stscreds.config.ProfileFileLocations;
import dev.stscreds.config.Settings;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The credential_process answer of the commonest repeat call, with only the work it needs: a role
 * profile ({@code role_arn} with a {@code source_profile} that has keys, in the files or the vault)
 * whose session is in the AWS CLI's cache with more than 15 minutes left.
 *
 * <p>AWS tools run {@code credential_process} on every refresh, so its start-up is what users feel;
 * {@link ProfileCredentialsProvider} builds the whole plan (patterns, the JSON library, java.time,
 * providers) before it reads the cache. This class reads the same files with strict plain readers
 * and answers only when the profiles, the cache entry and the environment are in their plainest
 * form; otherwise it returns {@code null} and the caller takes the full path, which knows every rule
 * and reports every problem. A differential test holds every answer it gives equal to the full
 * path's output.
 */
public final class CacheHitShortcut {
    /** Keys of the role profile that the full path reads on a cache hit, or that change nothing there. */
    private static final Set<String> ROLE_KEYS = Set.of("role_arn", "source_profile", "role_session_name", "external_id",
            "mfa_serial", "duration_seconds", "region", "output");
    private static final Set<String> SOURCE_KEYS = Set.of("aws_access_key_id", "aws_secret_access_key",
            "aws_session_token", "credential_process", "region", "output");

    private CacheHitShortcut() {}

    /** The credential_process JSON line (with its newline) for {@code profile}, or null to take the full path. */
    public static String credentialProcess(Settings settings, String profile, Clock clock) {
        if (!PlainProfileFile.isName(profile) || resolving(settings, profile)) return null;
        PlainProfileFile config = PlainProfileFile.read(ProfileFileLocations.configFile(settings), ProfileFileKind.CONFIG);
        if (config == null) return null;
        PlainProfileFile credentials = PlainProfileFile.read(ProfileFileLocations.credentialsFile(settings),
                ProfileFileKind.CREDENTIALS);
        if (credentials == null || credentials.section(profile) != null) return null;
        Map<String, String> role = profileSection(config, profile);
        if (role == null || !ROLE_KEYS.containsAll(role.keySet())) return null;
        String sourceName = role.get("source_profile");
        String roleArn = role.get("role_arn");
        if (sourceName == null || roleArn == null || sourceName.equals(profile) || !roleArn(roleArn)
                || !usableSource(sourceName, credentials.section(sourceName), profileSection(config, sourceName))) {
            return null;
        }
        String session = role.get("role_session_name");
        String externalId = role.get("external_id");
        String serial = role.get("mfa_serial");
        String duration = role.get("duration_seconds");
        String region = role.get("region");
        if (session != null && !allowed(session, 2, 64, "_+=,.@-") || externalId != null && !allowed(externalId, 2, 1224, "_+=,.@:/-")
                || serial != null && !allowed(serial, 9, 256, "_+=,.@:/-") || region != null && !region(region)
                || role.containsKey("output") && !allowed(role.get("output"), 1, 16, "-")) {
            return null;
        }
        Integer seconds = duration == null ? null : seconds(duration);
        if (duration != null && seconds == null) return null;
        String key = Sha1.hex(assumeRoleKeyText(roleArn, session, externalId, serial, seconds));
        PlainCachedSession cached = PlainCachedSession.read(PlainCachedSession.file(settings, key), clock.millis());
        return cached == null ? null : json(cached);
    }

    /**
     * What {@link CliCacheKey#forAssumeRole} hashes, for plain values: Python's {@code json.dumps(args, sort_keys=True)},
     * its keys in code-point order. Written out rather than built by {@code PythonJson}, whose sorting
     * takes a lambda: on JDK 17 the first lambda sets up the method-handle machinery, milliseconds of
     * a cache hit.
     */
    static String assumeRoleKeyText(String roleArn, String session, String externalId, String serial, Integer seconds) {
        StringBuilder b = new StringBuilder(160).append('{');
        if (seconds != null) b.append("\"DurationSeconds\": ").append(seconds.intValue()).append(", ");
        if (externalId != null) b.append("\"ExternalId\": \"").append(externalId).append("\", ");
        b.append("\"RoleArn\": \"").append(roleArn).append('"');
        if (session != null) b.append(", \"RoleSessionName\": \"").append(session).append('"');
        if (serial != null) b.append(", \"SerialNumber\": \"").append(serial).append('"');
        return b.append('}').toString();
    }

    /** The same JSON as {@code CredentialsFormat.CREDENTIAL_PROCESS}; plain values need no escaping. */
    private static String json(PlainCachedSession s) {
        StringBuilder b = new StringBuilder(200 + s.sessionToken().length())
                .append("{\"Version\":1,\"AccessKeyId\":\"").append(s.accessKeyId())
                .append("\",\"SecretAccessKey\":\"").append(s.secretAccessKey())
                .append("\",\"SessionToken\":\"").append(s.sessionToken())
                .append("\",\"Expiration\":\"").append(s.expiration()).append('"');
        if (s.accountId() != null) b.append(",\"AccountId\":\"").append(s.accountId()).append('"');
        return b.append("}\n").toString();
    }

    /** A source profile the full path plans without error and never calls on a cache hit: keys, or the vault. */
    private static boolean usableSource(String name, Map<String, String> fromCredentials, Map<String, String> fromConfig) {
        if (!PlainProfileFile.isName(name) || fromCredentials == null && fromConfig == null) return false;
        if (fromCredentials != null && !SOURCE_KEYS.containsAll(fromCredentials.keySet())) return false;
        if (fromConfig != null && !SOURCE_KEYS.containsAll(fromConfig.keySet())) return false;
        String process = value(fromCredentials, fromConfig, "credential_process");
        String id = value(fromCredentials, fromConfig, "aws_access_key_id");
        String secret = value(fromCredentials, fromConfig, "aws_secret_access_key");
        String token = value(fromCredentials, fromConfig, "aws_session_token");
        String region = value(fromCredentials, fromConfig, "region");
        String output = value(fromCredentials, fromConfig, "output");
        if (region != null && !region(region) || output != null && !allowed(output, 1, 16, "-")) return false;
        if (process != null) return id == null && secret == null && token == null && asksStscredsForItself(process, name);
        return id != null && allowed(id, 16, 128, "") && id.equals(upperCase(id)) && secret != null && allowed(secret, 16, 128, "+/=")
                && (token == null || allowed(token, 16, 8192, "+/="));
    }

    /** The credentials file wins key by key, as in {@code ProfileSet}. */
    private static String value(Map<String, String> fromCredentials, Map<String, String> fromConfig, String key) {
        String v = fromCredentials == null ? null : fromCredentials.get(key);
        return v != null || fromConfig == null ? v : fromConfig.get(key);
    }

    /** Only the plain {@code …/stscreds credential-process --profile NAME} (or {@code -p NAME}) that stscreds writes. */
    private static boolean asksStscredsForItself(String command, String profile) {
        String[] words = command.split(" ");
        if (words.length != 4 || !words[0].endsWith("stscreds") || !words[1].equals("credential-process")) return false;
        for (String w : words) {
            if (!allowed(w, 1, 4096, "_-/.%@:+")) return false;
        }
        return (words[2].equals("--profile") || words[2].equals("-p")) && words[3].equals(profile);
    }

    private static boolean resolving(Settings settings, String profile) {
        String outer = settings.environmentVariable(ProfileCredentialsProvider.RESOLVING).orElse(null);
        if (outer == null) return false;
        // String.concat, not '+': a concatenation links method handles at run time, outside the AOT cache.
        String comma = ",";
        return outer.equals(profile) || outer.startsWith(profile.concat(comma)) || outer.endsWith(comma.concat(profile))
                || outer.contains(comma.concat(profile).concat(comma));
    }

    /** The profile's section of the config file ({@code [default]} or {@code [profile default]} for default). */
    private static Map<String, String> profileSection(PlainProfileFile config, String profile) {
        Map<String, String> section = config.section("profile ".concat(profile));
        return section != null || !profile.equals("default") ? section : config.section("default");
    }

    /** {@code arn:PARTITION:iam::ACCOUNT:role/PATH-AND-NAME}, in STS's characters. */
    private static boolean roleArn(String arn) {
        String[] parts = arn.split(":", -1);
        return parts.length == 6 && parts[0].equals("arn") && allowed(parts[1], 1, 32, "-") && parts[2].equals("iam")
                && parts[3].isEmpty() && parts[4].length() == 12 && allowed(parts[4], 12, 12, "")
                && digitsOnly(parts[4]) && parts[5].startsWith("role/") && parts[5].length() > 5
                && allowed(parts[5], 6, 2048, "_+=,.@-/");
    }

    /** A region name in the characters every SDK accepts in a host name. */
    private static boolean region(String region) {
        if (!allowed(region, 1, 63, "-") || region.charAt(0) == '-') return false;
        for (int i = 0; i < region.length(); i++) {
            if (region.charAt(i) >= 'A' && region.charAt(i) <= 'Z') return false;
        }
        return true;
    }

    private static Integer seconds(String duration) {
        if (duration.length() > 5 || !digitsOnly(duration)) return null;
        int s = Integer.parseInt(duration);
        return s >= 900 && s <= 43_200 ? s : null;
    }

    private static String upperCase(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') chars[i] -= 'a' - 'A';
        }
        return new String(chars);
    }

    private static boolean digitsOnly(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return !s.isEmpty();
    }

    /** ASCII letters, digits and {@code extra}, {@code min} to {@code max} characters. */
    private static boolean allowed(String s, int min, int max, String extra) {
        if (s.length() < min || s.length() > max) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || extra.indexOf(c) >= 0)) return false;
        }
        return true;
    }
}
