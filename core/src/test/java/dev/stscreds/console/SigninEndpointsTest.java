package dev.stscreds.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigninEndpointsTest {
    @Test
    void eachPartitionHasItsOwnFederationEndpoint() {
        assertThat(SigninEndpoints.federation(Optional.of("eu-west-1"))).hasToString("https://signin.aws.amazon.com/federation");
        assertThat(SigninEndpoints.federation(Optional.empty())).hasToString("https://signin.aws.amazon.com/federation");
        assertThat(SigninEndpoints.federation(Optional.of("cn-north-1"))).hasToString("https://signin.amazonaws.cn/federation");
        assertThat(SigninEndpoints.federation(Optional.of("us-gov-west-1"))).hasToString("https://signin.amazonaws-us-gov.com/federation");
    }

    @Test
    void theConsoleHomeIsTheRegionsOrTheGlobalOne() {
        assertThat(SigninEndpoints.consoleHome(Optional.of("eu-west-1")))
                .hasToString("https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1");
        assertThat(SigninEndpoints.consoleHome(Optional.of("cn-north-1")))
                .hasToString("https://console.amazonaws.cn/console/home?region=cn-north-1");
        assertThat(SigninEndpoints.consoleHome(Optional.of("us-gov-west-1")))
                .hasToString("https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1");
        assertThat(SigninEndpoints.consoleHome(Optional.empty())).hasToString("https://console.aws.amazon.com/");
        assertThat(SigninEndpoints.consoleHome(Optional.of("no such/region"))).hasToString("https://console.aws.amazon.com/");
    }
}
