package dev.stscreds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.config.Settings;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which URL the container source asks, and which it refuses before connecting. No traffic is sent. */
class ContainerEndpointTest {
    private final List<String> resolved = new ArrayList<>();
    /** A name service that knows nothing: literal addresses only, and it records every question. */
    private final ContainerEndpoint.AddressResolver literalsOnly = host -> {
        resolved.add(host);
        if (!host.matches("[0-9.]+") && !host.contains(":")) throw new UnknownHostException(host);
        return new InetAddress[] {InetAddress.getByName(host)};
    };

    private static Settings env(Map<String, String> env) {
        return Settings.of(Map.of(), env, Path.of("/nonexistent-home"));
    }

    @Test
    void relativeUriGoesToTheEcsAgent() {
        URI uri = ContainerEndpoint.from(env(Map.of("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc-123")),
                literalsOnly);
        assertThat(uri).isEqualTo(URI.create("http://169.254.170.2/v2/credentials/abc-123"));
    }

    @Test
    void relativeUriWinsOverFullUri() {
        URI uri = ContainerEndpoint.from(env(Map.of(
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/creds",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9999/other")), literalsOnly);
        assertThat(uri).isEqualTo(URI.create("http://169.254.170.2/creds"));
    }

    @Test
    void systemPropertyWinsOverEnvironment() {
        Settings s = Settings.of(Map.of("aws.containerCredentialsFullUri", "http://127.0.0.1:1/prop"),
                Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/env"), Path.of("/nonexistent-home"));
        assertThat(ContainerEndpoint.from(s, literalsOnly)).isEqualTo(URI.create("http://127.0.0.1:1/prop"));
    }

    @Test
    void relativeUriWithoutLeadingSlashIsAnError() {
        assertThatThrownBy(() -> ContainerEndpoint.from(env(Map.of("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "creds")),
                literalsOnly))
                .isExactlyInstanceOf(CredentialsException.class)
                .hasMessageContaining("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
                .hasMessageContaining("starting with /");
    }

    @Test
    void nothingSetIsNotConfigured() {
        assertThatThrownBy(() -> ContainerEndpoint.from(env(Map.of()), literalsOnly))
                .isInstanceOf(CredentialsNotConfiguredException.class)
                .hasMessageContaining("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
                .hasMessageContaining("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1:8080/creds", "http://127.1.2.3/creds", "http://[::1]:8080/creds",
        "http://169.254.170.2/v2/credentials/x", "http://169.254.170.23/v1/credentials",
        "http://[fd00:ec2::23]/v1/credentials", "http://[fd00:ec2:0:0:0:0:0:23]/v1/credentials"
    })
    void httpToLoopbackOrTheAgentsIsAllowed(String url) {
        assertThat(ContainerEndpoint.full(url, literalsOnly)).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://10.1.2.3/creds", "http://169.254.170.3/creds", "http://192.168.1.1:80/creds",
        "http://[fd00:ec2::24]/creds", "http://169.254.169.254/latest"
    })
    void httpElsewhereIsRefusedNamingTheHostAndTheAllowedList(String url) {
        assertThatThrownBy(() -> ContainerEndpoint.full(url, literalsOnly))
                .isExactlyInstanceOf(CredentialsException.class)
                .hasMessageContaining(URI.create(url).getHost())
                .hasMessageContaining("169.254.170.23")
                .hasMessageContaining("fd00:ec2::23")
                .hasMessageContaining("loopback")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString().contains("https"));
    }

    @Test
    void everyAddressOfAHostMustBeAllowed() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress elsewhere = InetAddress.getByName("10.0.0.7");
        ContainerEndpoint.AddressResolver mixed = host -> new InetAddress[] {loopback, elsewhere};
        ContainerEndpoint.AddressResolver allLoopback = host -> new InetAddress[] {loopback, InetAddress.getByName("::1")};

        assertThatThrownBy(() -> ContainerEndpoint.full("http://creds.internal:8080/c", mixed))
                .hasMessageContaining("creds.internal")
                .hasMessageContaining("10.0.0.7")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("127.0.0.1"));
        assertThat(ContainerEndpoint.full("http://creds.internal:8080/c", allLoopback))
                .isEqualTo(URI.create("http://creds.internal:8080/c"));
    }

    @Test
    void anUnresolvableHostIsRefusedOverHttp() {
        assertThatThrownBy(() -> ContainerEndpoint.full("http://no-such-host.invalid/c", literalsOnly))
                .isExactlyInstanceOf(CredentialsException.class)
                .hasMessageContaining("cannot resolve host no-such-host.invalid");
    }

    @Test
    void httpsIsAllowedAnywhereWithoutResolvingTheHost() {
        assertThat(ContainerEndpoint.full("https://creds.example.com/v1", literalsOnly))
                .isEqualTo(URI.create("https://creds.example.com/v1"));
        assertThat(resolved).isEmpty();
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> ContainerEndpoint.full("ftp://127.0.0.1/creds", literalsOnly))
                .hasMessageContaining("must be an http or https URL");
        assertThatThrownBy(() -> ContainerEndpoint.full("not a url", literalsOnly))
                .hasMessageContaining("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    }
}
