package dev.stscreds.source;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Profile;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How to reach the instance metadata service, read as botocore reads it: each setting from its
 * environment variable (or system property), else from the profile's key, else the default.
 *
 * <table>
 *   <caption>settings</caption>
 *   <tr><td>{@code AWS_EC2_METADATA_SERVICE_ENDPOINT}</td><td>{@code ec2_metadata_service_endpoint}</td><td>by mode</td></tr>
 *   <tr><td>{@code AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE}</td><td>{@code ec2_metadata_service_endpoint_mode}</td>
 *       <td>IPv4: {@code http://169.254.169.254}; IPv6: {@code http://[fd00:ec2::254]}</td></tr>
 *   <tr><td>{@code AWS_METADATA_SERVICE_TIMEOUT}</td><td>{@code metadata_service_timeout}</td><td>1 s</td></tr>
 *   <tr><td>{@code AWS_METADATA_SERVICE_NUM_ATTEMPTS}</td><td>{@code metadata_service_num_attempts}</td><td>1</td></tr>
 *   <tr><td>{@code AWS_EC2_METADATA_V1_DISABLED}</td><td>{@code ec2_metadata_v1_disabled}</td><td>false</td></tr>
 * </table>
 *
 * @param endpoint      the base URL
 * @param explicit      whether an endpoint was set (then a silent endpoint is an error, not "not on EC2")
 * @param timeout       the time allowed to one request
 * @param attempts      requests per step before giving up
 * @param v1Disabled    whether the IMDSv1 fallback is off
 * @param nonDefault    the settings that differ from the defaults, as {@code name=value (where)}, for {@code explain}
 */
public record ImdsSettings(URI endpoint, boolean explicit, Duration timeout, int attempts, boolean v1Disabled,
                           List<String> nonDefault) {
    static final URI IPV4_ENDPOINT = URI.create("http://169.254.169.254");
    static final URI IPV6_ENDPOINT = URI.create("http://[fd00:ec2::254]");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    static final int DEFAULT_ATTEMPTS = 1;

    /** The settings for the given profile's configuration (none: environment and defaults only). */
    public static ImdsSettings read(Settings settings, Optional<Profile> profile) {
        List<String> nonDefault = new ArrayList<>();
        Lookup lookup = new Lookup(settings, profile, nonDefault);
        Optional<String> endpointText = lookup.get(Setting.EC2_METADATA_SERVICE_ENDPOINT, "ec2_metadata_service_endpoint");
        Optional<String> mode = lookup.get(Setting.EC2_METADATA_SERVICE_ENDPOINT_MODE, "ec2_metadata_service_endpoint_mode");
        URI endpoint;
        if (endpointText.isPresent()) {
            endpoint = parseEndpoint(endpointText.get(), lookup.where);
        } else if (mode.isEmpty() || mode.get().equalsIgnoreCase("IPv4")) {
            endpoint = IPV4_ENDPOINT;
        } else if (mode.get().equalsIgnoreCase("IPv6")) {
            endpoint = IPV6_ENDPOINT;
        } else {
            throw new CredentialsException("the instance metadata endpoint mode is \"" + mode.get() + "\" (" + lookup.where
                    + "); expected IPv4 or IPv6", "set it to IPv4 or IPv6, or unset it");
        }
        Duration timeout = lookup.get(Setting.METADATA_SERVICE_TIMEOUT, "metadata_service_timeout")
                .map(t -> parseTimeout(t, lookup.where)).orElse(DEFAULT_TIMEOUT);
        int attempts = lookup.get(Setting.METADATA_SERVICE_NUM_ATTEMPTS, "metadata_service_num_attempts")
                .map(t -> parseAttempts(t, lookup.where)).orElse(DEFAULT_ATTEMPTS);
        boolean v1Disabled = lookup.get(Setting.EC2_METADATA_V1_DISABLED, "ec2_metadata_v1_disabled")
                .map(v -> v.equalsIgnoreCase("true")).orElse(false);
        return new ImdsSettings(endpoint, endpointText.isPresent(), timeout, attempts, v1Disabled, List.copyOf(nonDefault));
    }

    /** One line for {@code explain}: the endpoint, and every setting that is not the default with where it came from. */
    public String describe() {
        String base = "ask " + endpoint + ", " + describe(timeout) + " per request, " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + " (a throttled or failing answer gets at least "
                + InstanceMetadataCredentialsProvider.MIN_THROTTLE_ATTEMPTS + ")" + (v1Disabled ? ", IMDSv1 disabled" : "");
        return nonDefault.isEmpty() ? base : base + "; set: " + String.join(", ", nonDefault);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Environment (or system property) first, then the profile's key; remembers where the last value came from. */
    private static final class Lookup {
        final Settings settings;
        final Optional<Profile> profile;
        final List<String> found;
        String where;

        Lookup(Settings settings, Optional<Profile> profile, List<String> found) {
            this.settings = settings;
            this.profile = profile;
            this.found = found;
        }

        Optional<String> get(Setting setting, String key) {
            Optional<String> value = settings.get(setting);
            if (value.isPresent()) {
                where = setting.displayName();
                found.add(setting.environmentVariable() + "=" + value.get().strip());
                return value.map(String::strip);
            }
            Optional<String> fromProfile = profile.flatMap(p -> p.property(key))
                    .filter(p -> !p.value().isBlank())
                    .map(p -> {
                        where = key + " in profile " + profile.get().name() + " (" + p.location() + ")";
                        found.add(key + "=" + p.value().strip() + " (profile " + profile.get().name() + ")");
                        return p.value().strip();
                    });
            return fromProfile;
        }
    }

    private static URI parseEndpoint(String text, String where) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return uri;
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CredentialsException("the instance metadata endpoint \"" + text + "\" (" + where + ") is not an http URL",
                "expected e.g. http://169.254.169.254 or http://[fd00:ec2::254]");
    }

    private static Duration parseTimeout(String text, String where) {
        try {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() > 0 && seconds.compareTo(BigDecimal.valueOf(3600)) <= 0) {
                Duration d = Duration.ofMillis(seconds.movePointRight(3).longValue());
                if (!d.isZero()) return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CredentialsException("the instance metadata timeout is \"" + text + "\" (" + where
                + "); expected a number of seconds such as 1 or 0.5", null);
    }

    private static int parseAttempts(String text, String where) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 100) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CredentialsException("the number of instance metadata attempts is \"" + text + "\" (" + where
                + "); expected a whole number from 1 to 100", null);
    }
}
