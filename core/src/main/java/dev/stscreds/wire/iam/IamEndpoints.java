package dev.stscreds.wire.iam;

import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.ServiceEndpoints;
import dev.stscreds.wire.net.Network;
import dev.stscreds.wire.query.QueryClient;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Where IAM calls go: {@code --endpoint-url}, AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL, else the
 * partition's one global IAM endpoint, chosen by the region (IAM has no regional endpoints).
 */
public final class IamEndpoints {
    /** An endpoint and the region requests to it are signed for. */
    public record Endpoint(URI uri, String signingRegion, String origin) {}

    private IamEndpoints() {}

    /**
     * @param explicitOverride {@code --endpoint-url}
     * @param region           the profile's region, if any (AWS_REGION / AWS_DEFAULT_REGION win over it)
     */
    public static Endpoint resolve(Settings settings, Optional<String> explicitOverride, Optional<String> region) {
        String where = settings.get(Setting.REGION).or(() -> settings.get(Setting.DEFAULT_REGION)).or(() -> region).orElse("us-east-1");
        Endpoint global = global(where);
        if (explicitOverride.isPresent()) {
            return new Endpoint(ServiceEndpoints.parsed(explicitOverride.get(), "IAM", "--endpoint-url").uri(),
                    global.signingRegion(), "--endpoint-url");
        }
        return ServiceEndpoints.configured(settings, "IAM", Optional.empty(), Optional.empty())
                .map(c -> new Endpoint(c.uri(), global.signingRegion(), c.origin()))
                .orElse(global);
    }

    /** Creates a client for the endpoint that {@link #resolve} picks. */
    public static IamClient client(Settings settings, Optional<String> explicitOverride, Optional<String> region,
                                   Clock clock) {
        Endpoint e = resolve(settings, explicitOverride, region);
        return new IamClient(QueryClient.builder("iam", e.uri(), e.signingRegion()).clock(clock)
                .network(Network.fromEnvironment(settings)).build());
    }

    private static Endpoint global(String region) {
        if (region.startsWith("cn-")) {
            return new Endpoint(URI.create("https://iam.cn-north-1.amazonaws.com.cn/"), "cn-north-1", "global endpoint (China)");
        }
        if (region.startsWith("us-gov-")) {
            return new Endpoint(URI.create("https://iam.us-gov.amazonaws.com/"), "us-gov-west-1", "global endpoint (GovCloud)");
        }
        return new Endpoint(IamClient.GLOBAL_ENDPOINT, "us-east-1", "global endpoint");
    }
}
