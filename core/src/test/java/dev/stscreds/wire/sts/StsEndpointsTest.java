package dev.stscreds.wire.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StsEndpointsTest {
    private final Map<String, String> env = new HashMap<>();

    private StsEndpoints.Endpoint resolve(Optional<String> flag, Optional<String> services, Optional<String> profileUrl, Optional<String> region) {
        return StsEndpoints.resolve(Settings.of(Map.of(), env, Path.of("/home/t")), flag, services, profileUrl, region);
    }

    @Test
    void eachOverrideBeatsTheNextInTheSdksOrder() {
        Optional<String> flag = Optional.of("http://flag:1");
        Optional<String> services = Optional.of("http://services:3");
        Optional<String> profile = Optional.of("http://profile:5");
        env.put("AWS_ENDPOINT_URL_STS", "http://sts-env:2");
        env.put("AWS_ENDPOINT_URL", "http://any-env:4");

        assertThat(resolve(flag, services, profile, Optional.empty()).uri()).hasToString("http://flag:1/");
        assertThat(resolve(Optional.empty(), services, profile, Optional.empty()).uri()).hasToString("http://sts-env:2/");
        env.remove("AWS_ENDPOINT_URL_STS");
        assertThat(resolve(Optional.empty(), services, profile, Optional.empty()).uri()).hasToString("http://services:3/");
        assertThat(resolve(Optional.empty(), Optional.empty(), profile, Optional.empty()).uri()).hasToString("http://any-env:4/");
        env.remove("AWS_ENDPOINT_URL");
        assertThat(resolve(Optional.empty(), Optional.empty(), profile, Optional.empty()).uri()).hasToString("http://profile:5/");
    }

    @Test
    void regionalByDefaultSignedForTheRegion() {
        StsEndpoints.Endpoint e = resolve(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("eu-west-1"));
        assertThat(e.uri()).hasToString("https://sts.eu-west-1.amazonaws.com/");
        assertThat(e.signingRegion()).isEqualTo("eu-west-1");
        assertThat(resolve(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("cn-north-1")).uri())
                .hasToString("https://sts.cn-north-1.amazonaws.com.cn/");
        assertThat(resolve(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()).signingRegion())
                .isEqualTo("us-east-1");
    }

    @Test
    void theEnvironmentsRegionBeatsTheProfiles() {
        env.put("AWS_REGION", "ap-south-1");
        assertThat(resolve(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("eu-west-1")).signingRegion())
                .isEqualTo("ap-south-1");
    }

    @Test
    void legacyModeSendsClassicRegionsToTheGlobalEndpoint() {
        env.put("AWS_STS_REGIONAL_ENDPOINTS", "legacy");
        StsEndpoints.Endpoint classic = resolve(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("eu-west-1"));
        assertThat(classic.uri()).hasToString("https://sts.amazonaws.com/");
        assertThat(classic.signingRegion()).isEqualTo("us-east-1");
        assertThat(resolve(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("af-south-1")).uri())
                .hasToString("https://sts.af-south-1.amazonaws.com/");
    }

    @Test
    void aBadOverrideNamesWhereItCameFrom() {
        env.put("AWS_ENDPOINT_URL_STS", "ftp://x");
        assertThatThrownBy(() -> resolve(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("AWS_ENDPOINT_URL_STS");
    }
}
