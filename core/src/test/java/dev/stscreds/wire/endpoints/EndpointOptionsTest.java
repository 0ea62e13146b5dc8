package dev.stscreds.wire.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.ServiceEndpoints;
import dev.stscreds.wire.sts.StsEndpoints;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** FIPS, dual-stack, sts_regional_endpoints and ignore_configured_endpoint_urls, read as botocore reads them. */
class EndpointOptionsTest {
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> profile = new HashMap<>();

    private Settings settings() {
        return Settings.of(Map.of(), env, Path.of("/home/t"));
    }

    private EndpointOptions options() {
        return EndpointOptions.read(settings(), k -> Optional.ofNullable(profile.get(k)), "dev");
    }

    private StsEndpoints.Endpoint sts(String region) {
        return StsEndpoints.resolve(settings(), options(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(region));
    }

    @Test
    void fipsAndDualStackFromTheEnvironmentGiveTheFipsDualStackHost() {
        env.put("AWS_USE_FIPS_ENDPOINT", "true");
        env.put("AWS_USE_DUALSTACK_ENDPOINT", "TRUE");
        StsEndpoints.Endpoint e = sts("us-east-1");
        assertThat(e.uri()).hasToString("https://sts-fips.us-east-1.api.aws/");
        assertThat(e.signingRegion()).isEqualTo("us-east-1");
        assertThat(e.origin()).contains("FIPS and dual-stack");
        assertThat(options().fipsOrigin()).contains("AWS_USE_FIPS_ENDPOINT");
    }

    @Test
    void theProfilesKeysWorkAndTheEnvironmentWinsOverThem() {
        profile.put("use_fips_endpoint", "true");
        assertThat(sts("eu-west-1").uri()).hasToString("https://sts-fips.eu-west-1.amazonaws.com/");
        assertThat(options().fipsOrigin()).contains("use_fips_endpoint in profile dev");
        env.put("AWS_USE_FIPS_ENDPOINT", "false");
        assertThat(sts("eu-west-1").uri()).hasToString("https://sts.eu-west-1.amazonaws.com/");
        profile.put("use_dualstack_endpoint", "true");
        assertThat(sts("cn-north-1").uri()).hasToString("https://sts.cn-north-1.api.amazonwebservices.com.cn/");
    }

    @Test
    void partitionsGiveTheirOwnDnsSuffixes() {
        assertThat(sts("cn-northwest-1").uri()).hasToString("https://sts.cn-northwest-1.amazonaws.com.cn/");
        assertThat(sts("us-gov-west-1").uri()).hasToString("https://sts.us-gov-west-1.amazonaws.com/");
        assertThat(sts("us-iso-east-1").uri()).hasToString("https://sts.us-iso-east-1.c2s.ic.gov/");
        assertThat(sts("us-isob-east-1").uri()).hasToString("https://sts.us-isob-east-1.sc2s.sgov.gov/");
    }

    @Test
    void stsRegionalEndpointsInTheProfileAsWellAsTheEnvironment() {
        profile.put("sts_regional_endpoints", "legacy");
        StsEndpoints.Endpoint global = sts("eu-west-1");
        assertThat(global.uri()).hasToString("https://sts.amazonaws.com/");
        assertThat(global.signingRegion()).isEqualTo("us-east-1");
        assertThat(sts("af-south-1").uri()).hasToString("https://sts.af-south-1.amazonaws.com/");
        env.put("AWS_STS_REGIONAL_ENDPOINTS", "regional");
        assertThat(sts("eu-west-1").uri()).hasToString("https://sts.eu-west-1.amazonaws.com/");
        env.put("AWS_STS_REGIONAL_ENDPOINTS", "legacy");
        profile.put("use_fips_endpoint", "true");
        assertThat(sts("us-east-1").uri()).hasToString("https://sts-fips.us-east-1.amazonaws.com/");
    }

    @Test
    void anUnknownStsRegionalEndpointsValueIsRefusedNamingWhereItIs() {
        profile.put("sts_regional_endpoints", "global");
        assertThatThrownBy(this::options).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("sts_regional_endpoints in profile dev").hasMessageContaining("\"global\"");
    }

    @Test
    void ignoreConfiguredEndpointUrlsLeavesOnlyTheExplicitOverride() {
        env.put("AWS_ENDPOINT_URL_STS", "http://sts-env:2");
        profile.put("ignore_configured_endpoint_urls", "true");
        assertThat(sts("eu-west-1").uri()).hasToString("https://sts.eu-west-1.amazonaws.com/");
        assertThat(StsEndpoints.resolve(settings(), options(), Optional.of("http://flag:1"), Optional.of("http://services:3"),
                Optional.of("http://profile:5"), Optional.of("eu-west-1")).uri()).hasToString("http://flag:1/");
        assertThat(ServiceEndpoints.configured(settings(), options(), "SSO", Optional.of("http://services:3"), Optional.empty()))
                .isEmpty();
        profile.clear();
        env.put("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
        assertThat(sts("eu-west-1").uri()).hasToString("https://sts.eu-west-1.amazonaws.com/");
        env.put("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false");
        assertThat(sts("eu-west-1").uri()).hasToString("http://sts-env:2/");
    }

    @Test
    void anOverrideTurnsFipsOffAsInBotocore() {
        env.put("AWS_USE_FIPS_ENDPOINT", "true");
        env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:5000");
        assertThat(sts("eu-west-1").uri()).hasToString("http://127.0.0.1:5000/");
    }

    @Test
    void ssoAndOidcGoWhereTheirRulesSay() {
        env.put("AWS_USE_FIPS_ENDPOINT", "true");
        env.put("AWS_USE_DUALSTACK_ENDPOINT", "true");
        var config = dev.stscreds.sso.SsoSessionConfig.of(settings(), options(), Optional.of("corp"),
                "https://corp.awsapps.com/start", "us-east-1", java.util.List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), "login");
        assertThat(config.portalEndpoint().uri()).hasToString("https://portal.sso-fips.us-east-1.api.aws/");
        assertThat(config.oidcEndpoint().uri()).hasToString("https://oidc-fips.us-east-1.api.aws/");
        assertThat(config.oidcEndpoint().origin()).contains("FIPS and dual-stack");
    }
}
