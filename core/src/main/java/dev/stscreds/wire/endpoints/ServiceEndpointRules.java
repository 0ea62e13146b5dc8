package dev.stscreds.wire.endpoints;

import dev.stscreds.CredentialsException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default endpoint of an AWS service in a region, from the service's own endpoint rules
 * (FIPS, dual-stack, the partition's DNS suffix, STS's legacy global endpoint).
 */
public final class ServiceEndpointRules {
    /** The regions botocore sends to {@code sts.amazonaws.com} when {@code sts_regional_endpoints = legacy}. */
    static final Set<String> LEGACY_GLOBAL_STS_REGIONS = Set.of(
            "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global", "ca-central-1",
            "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1",
            "us-east-2", "us-west-1", "us-west-2");

    /** An endpoint and the region requests to it are signed for. */
    public record Resolved(URI uri, String signingRegion) {}

    private ServiceEndpointRules() {}

    /**
     * The rules' parameters as the SDKs set them: an endpoint override turns FIPS and dual-stack off
     * (the override is taken as it is), and legacy STS asks for the global endpoint in the classic regions.
     */
    public static Map<String, Object> parameters(String service, String region, EndpointOptions options,
                                                 Optional<String> endpointOverride) {
        Map<String, Object> p = new HashMap<>();
        if (region != null) p.put("Region", region);
        p.put("UseFIPS", endpointOverride.isEmpty() && options.fips());
        p.put("UseDualStack", endpointOverride.isEmpty() && options.dualStack());
        endpointOverride.ifPresent(e -> p.put("Endpoint", e));
        if (service.equals("sts")) p.put("UseGlobalEndpoint", options.stsLegacy() && LEGACY_GLOBAL_STS_REGIONS.contains(region));
        return p;
    }

    /** The rules' answer for a service ({@code sts}, {@code sso}, {@code sso-oidc}, {@code signin}, {@code rolesanywhere}). */
    public static RuleResult evaluate(String service, String region, EndpointOptions options, Optional<String> endpointOverride) {
        return RuleSet.shipped(service).evaluate(parameters(service, region, options, endpointOverride));
    }

    /**
     * The default endpoint of a service in a region.
     *
     * @throws CredentialsException when the rules refuse (FIPS or dual-stack where the partition has none)
     */
    public static Resolved resolve(String service, String region, EndpointOptions options) {
        RuleResult result = evaluate(service, region, options, Optional.empty());
        if (result instanceof RuleResult.Error error) {
            throw new CredentialsException("no " + service + " endpoint for region " + region + describe(options) + ": "
                    + error.message(), hint(options));
        }
        RuleResult.Endpoint e = (RuleResult.Endpoint) result;
        URI uri = URI.create(e.url());
        if (uri.getPath() == null || uri.getPath().isEmpty()) uri = uri.resolve("/");
        return new Resolved(uri, signingRegion(e).orElse(region));
    }

    /** {@code  with FIPS and dual-stack} and the like, for messages; empty when neither is on. */
    public static String describe(EndpointOptions options) {
        if (options.fips() && options.dualStack()) return " with FIPS and dual-stack";
        if (options.fips()) return " with FIPS";
        if (options.dualStack()) return " with dual-stack";
        return "";
    }

    private static String hint(EndpointOptions options) {
        StringBuilder h = new StringBuilder("use a region whose partition has these endpoints");
        options.fipsOrigin().ifPresent(o -> h.append(", or turn off ").append(o));
        options.dualStackOrigin().ifPresent(o -> h.append(", or turn off ").append(o));
        return h.toString();
    }

    private static Optional<String> signingRegion(RuleResult.Endpoint e) {
        if (e.properties().get("authSchemes") instanceof List<?> schemes && !schemes.isEmpty()
                && schemes.get(0) instanceof Map<?, ?> scheme && scheme.get("signingRegion") instanceof String r) {
            return Optional.of(r);
        }
        return Optional.empty();
    }
}
