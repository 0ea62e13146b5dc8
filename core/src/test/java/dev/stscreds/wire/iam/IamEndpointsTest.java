package dev.stscreds.wire.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IamEndpointsTest {
    private static Settings env(Map<String, String> env) {
        return Settings.of(Map.of(), env, Path.of("/nonexistent-home"));
    }

    @Test
    void theOverrideBeatsTheIamVariableWhichBeatsTheGeneralOne() {
        Settings s = env(Map.of("AWS_ENDPOINT_URL_IAM", "http://127.0.0.1:9001", "AWS_ENDPOINT_URL", "http://127.0.0.1:9002"));
        assertThat(IamEndpoints.resolve(s, Optional.of("http://127.0.0.1:9000"), Optional.empty()).uri())
                .hasToString("http://127.0.0.1:9000/");
        IamEndpoints.Endpoint iam = IamEndpoints.resolve(s, Optional.empty(), Optional.empty());
        assertThat(iam.uri()).hasToString("http://127.0.0.1:9001/");
        assertThat(iam.origin()).isEqualTo("AWS_ENDPOINT_URL_IAM");
        assertThat(IamEndpoints.resolve(env(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9002")), Optional.empty(), Optional.empty())
                .origin()).isEqualTo("AWS_ENDPOINT_URL");
    }

    @Test
    void eachPartitionHasItsOneGlobalEndpoint() {
        IamEndpoints.Endpoint aws = IamEndpoints.resolve(env(Map.of()), Optional.empty(), Optional.of("eu-west-1"));
        assertThat(aws.uri()).hasToString("https://iam.amazonaws.com/");
        assertThat(aws.signingRegion()).isEqualTo("us-east-1");
        IamEndpoints.Endpoint china = IamEndpoints.resolve(env(Map.of()), Optional.empty(), Optional.of("cn-northwest-1"));
        assertThat(china.uri()).hasToString("https://iam.cn-north-1.amazonaws.com.cn/");
        assertThat(china.signingRegion()).isEqualTo("cn-north-1");
        IamEndpoints.Endpoint gov = IamEndpoints.resolve(env(Map.of("AWS_REGION", "us-gov-east-1")), Optional.empty(), Optional.of("eu-west-1"));
        assertThat(gov.uri()).hasToString("https://iam.us-gov.amazonaws.com/");
        assertThat(gov.signingRegion()).isEqualTo("us-gov-west-1");
    }

    @Test
    void aBadUrlNamesWhereItWasSet() {
        assertThatThrownBy(() -> IamEndpoints.resolve(env(Map.of("AWS_ENDPOINT_URL_IAM", "ftp://x")), Optional.empty(), Optional.empty()))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("AWS_ENDPOINT_URL_IAM").hasMessageContaining("IAM endpoint");
    }
}
