package dev.stscreds.rolesanywhere;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.wire.endpoints.EndpointOptions;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CreateSession goes where the service's rules send it: region, partition, FIPS and dual-stack. */
class RolesAnywhereEndpointsTest {
    private static final EndpointOptions FIPS = new EndpointOptions(Optional.of("AWS_USE_FIPS_ENDPOINT"), Optional.empty(), false, false);
    private static final EndpointOptions DUAL = new EndpointOptions(Optional.empty(), Optional.of("AWS_USE_DUALSTACK_ENDPOINT"), false, false);

    @Test
    void regionalFipsDualStackAndChina() {
        assertThat(RolesAnywhereEndpoints.forRegion("eu-west-1", EndpointOptions.DEFAULTS))
                .hasToString("https://rolesanywhere.eu-west-1.amazonaws.com/");
        assertThat(RolesAnywhereEndpoints.forRegion("us-east-1", FIPS)).hasToString("https://rolesanywhere-fips.us-east-1.amazonaws.com/");
        assertThat(RolesAnywhereEndpoints.forRegion("eu-west-1", DUAL)).hasToString("https://rolesanywhere.eu-west-1.api.aws/");
        assertThat(RolesAnywhereEndpoints.forRegion("cn-north-1", EndpointOptions.DEFAULTS))
                .hasToString("https://rolesanywhere.cn-north-1.amazonaws.com.cn/");
    }

    @Test
    void theSettingsUseTheTrustAnchorsRegionUnlessToldOtherwise() {
        var request = new CreateSessionRequest("arn:aws:rolesanywhere:ap-southeast-2:111122223333:trust-anchor/ab",
                "arn:aws:rolesanywhere:ap-southeast-2:111122223333:profile/cd", "arn:aws:iam::111122223333:role/R", 3600, null);
        var settings = new RolesAnywhereSettings(new dev.stscreds.x509.CertificateSpec("c.pem", "k.pem", null, null), request,
                null, null, null, FIPS);
        assertThat(settings.signingRegion()).isEqualTo("ap-southeast-2");
        assertThat(settings.resolvedEndpoint()).hasToString("https://rolesanywhere-fips.ap-southeast-2.amazonaws.com/");
    }
}
