package dev.stscreds.wire.endpoints;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings that choose among a service's endpoints, read as botocore reads them: the
 * environment variable first, then the profile's key; booleans are {@code true} in any case.
 *
 * @param fipsOrigin      where FIPS endpoints were asked for ({@code AWS_USE_FIPS_ENDPOINT} or
 *                        {@code use_fips_endpoint in profile dev}), empty when they were not
 * @param dualStackOrigin the same for dual-stack endpoints
 * @param stsLegacy       {@code sts_regional_endpoints = legacy}: the classic regions use {@code sts.amazonaws.com}
 * @param ignoreConfiguredEndpointUrls {@code ignore_configured_endpoint_urls}: only {@code --endpoint-url} overrides
 */
public record EndpointOptions(Optional<String> fipsOrigin, Optional<String> dualStackOrigin, boolean stsLegacy,
                              boolean ignoreConfiguredEndpointUrls) {
    /** No FIPS, no dual-stack, regional STS, configured endpoint URLs honoured. */
    public static final EndpointOptions DEFAULTS = new EndpointOptions(Optional.empty(), Optional.empty(), false, false);

    public boolean fips() {
        return fipsOrigin.isPresent();
    }

    public boolean dualStack() {
        return dualStackOrigin.isPresent();
    }

    /** Only the environment (for calls made without a profile). */
    public static EndpointOptions fromEnvironment(Settings settings) {
        return read(settings, key -> Optional.empty(), "");
    }

    /**
     * @param profileValue a key of the profile, e.g. {@code p::value}
     * @param profileName  names the profile in origins and errors
     */
    public static EndpointOptions read(Settings settings, Function<String, Optional<String>> profileValue, String profileName) {
        Optional<String> fips = origin(settings, profileValue, profileName, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint");
        Optional<String> dualStack = origin(settings, profileValue, profileName, "AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint");
        boolean ignore = origin(settings, profileValue, profileName, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                "ignore_configured_endpoint_urls").isPresent();
        String where = "AWS_STS_REGIONAL_ENDPOINTS";
        Optional<String> mode = settings.environmentVariable(where);
        if (mode.isEmpty()) {
            mode = profileValue.apply("sts_regional_endpoints").map(String::trim).filter(v -> !v.isEmpty());
            where = "sts_regional_endpoints in profile " + profileName;
        }
        String m = mode.orElse("regional");
        if (!m.equals("legacy") && !m.equals("regional")) {
            throw new CredentialsException(where + " is \"" + m + "\", which is neither legacy nor regional",
                    "set it to regional (the default) or legacy");
        }
        return new EndpointOptions(fips, dualStack, m.equals("legacy"), ignore);
    }

    private static Optional<String> origin(Settings settings, Function<String, Optional<String>> profileValue,
                                           String profileName, String variable, String key) {
        Optional<String> env = settings.environmentVariable(variable);
        if (env.isPresent()) return isTrue(env.get()) ? Optional.of(variable) : Optional.empty();
        return profileValue.apply(key).filter(EndpointOptions::isTrue).map(v -> key + " in profile " + profileName);
    }

    private static boolean isTrue(String value) {
        return value.trim().toLowerCase(Locale.ROOT).equals("true");
    }
}
