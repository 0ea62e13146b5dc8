package dev.stscreds.signin;

import dev.stscreds.config.Settings;
import dev.stscreds.wire.ServiceEndpoints;
import java.net.URI;
import java.util.Optional;

/**
 * Where the AWS sign-in service of a region is: a configured endpoint ({@code AWS_ENDPOINT_URL_SIGNIN},
 * the profile's {@code [services]} {@code signin} key, {@code AWS_ENDPOINT_URL}, {@code endpoint_url}),
 * else botocore's rule set: {@code https://REGION.signin.aws.amazon.com}, {@code .amazonaws.cn} in China,
 * {@code .amazonaws-us-gov.com} in GovCloud.
 */
public final class SigninEndpoint {
    public static final String SERVICE_ID = "Signin";
    /** {@code aws login} asks for a region and offers this one. */
    public static final String DEFAULT_REGION = "us-east-1";

    private SigninEndpoint() {}

    public static ServiceEndpoints.Configured resolve(Settings settings, Optional<String> servicesSectionUrl,
                                                      Optional<String> profileEndpointUrl, String region) {
        return ServiceEndpoints.configured(settings, SERVICE_ID, servicesSectionUrl, profileEndpointUrl)
                .orElseGet(() -> new ServiceEndpoints.Configured(regional(region), "the sign-in endpoint of " + region));
    }

    static URI regional(String region) {
        if (!region.matches("[a-z0-9-]+")) throw new dev.stscreds.CredentialsException("region \"" + region
                + "\" is not a region name", "set region in the profile, or AWS_REGION, to a name such as eu-west-1");
        if (region.startsWith("cn-")) return URI.create("https://" + region + ".signin.amazonaws.cn");
        if (region.startsWith("us-gov-")) return URI.create("https://" + region + ".signin.amazonaws-us-gov.com");
        return URI.create("https://" + region + ".signin.aws.amazon.com");
    }
}
