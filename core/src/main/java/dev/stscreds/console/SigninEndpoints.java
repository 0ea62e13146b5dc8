package dev.stscreds.console;

import dev.stscreds.wire.endpoints.EndpointOptions;
import dev.stscreds.wire.endpoints.ServiceEndpointRules;
import java.net.URI;
import java.util.Optional;

/**
 * The federation endpoint and console home of the partition a region is in. The federation host
 * comes from the sign-in service's endpoint rules: its partition-wide form
 * ({@code signin.aws.amazon.com}, {@code signin.amazonaws.cn}, …), the regional one where the
 * partition has no other. Console pages have no FIPS or dual-stack forms, so neither applies here.
 */
final class SigninEndpoints {
    private SigninEndpoints() {}

    static URI federation(Optional<String> region) {
        return URI.create("https://" + signinHost(region.orElse("")) + "/federation");
    }

    /** The console home of the region ({@code https://REGION.console.aws.amazon.com/console/home?region=REGION}), or the global one. */
    static URI consoleHome(Optional<String> region) {
        if (region.isEmpty() || !region.get().matches("[a-z0-9-]+")) return URI.create("https://console.aws.amazon.com/");
        String r = region.get();
        if (r.startsWith("cn-")) return URI.create("https://console.amazonaws.cn/console/home?region=" + r);
        if (r.startsWith("us-gov-")) return URI.create("https://console.amazonaws-us-gov.com/console/home?region=" + r);
        return URI.create("https://" + r + ".console.aws.amazon.com/console/home?region=" + r);
    }

    private static String signinHost(String region) {
        String r = region.isEmpty() || !region.matches("[a-z0-9-]+") ? "us-east-1" : region;
        String host = ServiceEndpointRules.resolve("signin", r, EndpointOptions.DEFAULTS).uri().getHost();
        return host.startsWith(r + ".") ? host.substring(r.length() + 1) : host;
    }
}
