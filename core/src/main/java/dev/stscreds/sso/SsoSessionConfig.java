package dev.stscreds.sso;

import dev.stscreds.config.Settings;
import dev.stscreds.wire.ServiceEndpoints;
import dev.stscreds.wire.endpoints.EndpointOptions;
import dev.stscreds.wire.endpoints.ServiceEndpointRules;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one IAM Identity Center login lives: its {@code [sso-session]} name (empty for a legacy
 * profile with {@code sso_start_url} and {@code sso_region} of its own), start URL, region,
 * registration scopes, the two endpoints, and the command that logs in to it (for hints).
 */
public record SsoSessionConfig(Optional<String> sessionName, String startUrl, String region, List<String> scopes,
                               ServiceEndpoints.Configured oidcEndpoint, ServiceEndpoints.Configured portalEndpoint,
                               String loginCommand) {
    /** The scope the AWS CLI registers sso-session clients with when none is configured. */
    public static final String DEFAULT_SCOPE = "sso:account:access";

    public SsoSessionConfig {
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(startUrl, "startUrl");
        Objects.requireNonNull(region, "region");
        scopes = List.copyOf(scopes);
    }

    /**
     * A config with the endpoints chosen the AWS way: AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO,
     * the profile's {@code [services]} section ({@code sso_oidc =}, {@code sso =}), AWS_ENDPOINT_URL, the
     * profile's {@code endpoint_url}; else the endpoints the services' rules give for the region
     * ({@code https://oidc.REGION.amazonaws.com}, {@code https://portal.sso.REGION.amazonaws.com}, …).
     */
    public static SsoSessionConfig of(Settings settings, Optional<String> sessionName, String startUrl, String region,
                                      List<String> scopes, Optional<String> oidcServicesUrl, Optional<String> portalServicesUrl,
                                      Optional<String> profileEndpointUrl, String loginCommand) {
        return of(settings, EndpointOptions.fromEnvironment(settings), sessionName, startUrl, region, scopes,
                oidcServicesUrl, portalServicesUrl, profileEndpointUrl, loginCommand);
    }

    /** The same with a profile's endpoint options (FIPS, dual-stack, ignore_configured_endpoint_urls). */
    public static SsoSessionConfig of(Settings settings, EndpointOptions options, Optional<String> sessionName, String startUrl,
                                      String region, List<String> scopes, Optional<String> oidcServicesUrl,
                                      Optional<String> portalServicesUrl, Optional<String> profileEndpointUrl,
                                      String loginCommand) {
        ServiceEndpoints.Configured oidc = ServiceEndpoints.configured(settings, options, "SSO OIDC", oidcServicesUrl, profileEndpointUrl)
                .orElseGet(() -> fromRules("sso-oidc", region, options));
        ServiceEndpoints.Configured portal = ServiceEndpoints.configured(settings, options, "SSO", portalServicesUrl, profileEndpointUrl)
                .orElseGet(() -> fromRules("sso", region, options));
        return new SsoSessionConfig(sessionName, startUrl, region, scopes, oidc, portal, loginCommand);
    }

    /** The key of its token in the AWS CLI's cache. */
    public String cacheKey() {
        return SsoTokenCache.key(sessionName, startUrl);
    }

    /** {@code sso-session NAME} or {@code start URL https://…}, for messages. */
    public String describe() {
        return sessionName.map(n -> "sso-session " + n).orElse("start URL " + startUrl);
    }

    private static ServiceEndpoints.Configured fromRules(String service, String region, EndpointOptions options) {
        return new ServiceEndpoints.Configured(ServiceEndpointRules.resolve(service, region, options).uri(),
                "the endpoint rules for sso_region " + region + ServiceEndpointRules.describe(options));
    }
}
