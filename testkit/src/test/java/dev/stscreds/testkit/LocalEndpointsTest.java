package dev.stscreds.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import dev.stscreds.testkit.sts.LocalSts;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(20)
class LocalEndpointsTest {
    @RegisterExtension
    static LocalEndpoints endpoints = LocalEndpoints.create();

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T11:00:00Z"));
    private final Clock clock = new Clock() {
        @Override public Instant instant() { return now.get(); }
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    };

    record Reply(int status, String body) {}

    private static Reply call(String method, URI url, Map<String, String> headers) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        c.setRequestMethod(method);
        headers.forEach(c::setRequestProperty);
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return new Reply(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private URI at(String path) {
        return endpoints.instanceMetadata().endpoint().resolve(path);
    }

    private Reply token(String ttl) throws IOException {
        return call("PUT", at(InstanceMetadataServer.TOKEN_PATH),
                ttl == null ? Map.of() : Map.of(InstanceMetadataServer.TTL_HEADER, ttl));
    }

    @Test
    void tokenRequestsNeedATtlFromOneTo21600Seconds() throws IOException {
        assertThat(token(null).status()).isEqualTo(400);
        assertThat(token("0").status()).isEqualTo(400);
        assertThat(token("21601").status()).isEqualTo(400);
        assertThat(token("abc").status()).isEqualTo(400);
        assertThat(token("1").status()).isEqualTo(200);
        assertThat(token("21600").status()).isEqualTo(200);
        assertThat(endpoints.instanceMetadata().tokensIssued()).isEqualTo(2);
        assertThat(call("GET", at(InstanceMetadataServer.TOKEN_PATH), Map.of()).status()).isEqualTo(405);
    }

    @Test
    void tokensExpireOnTheServersClock() throws IOException {
        InstanceMetadataServer imds = endpoints.instanceMetadata().clock(clock).requireV2(true);
        String token = token("60").body();
        URI roles = at(InstanceMetadataServer.CREDENTIALS_PATH);

        assertThat(call("GET", roles, Map.of(InstanceMetadataServer.TOKEN_HEADER, token)))
                .isEqualTo(new Reply(200, InstanceMetadataServer.DEFAULT_ROLE));
        now.set(now.get().plus(Duration.ofSeconds(60)));
        assertThat(call("GET", roles, Map.of(InstanceMetadataServer.TOKEN_HEADER, token)).status()).isEqualTo(401);
        assertThat(call("GET", roles, Map.of()).status()).as("v1 refused when v2 is required").isEqualTo(401);

        imds.requireV2(false);
        assertThat(call("GET", roles, Map.of()).status()).isEqualTo(200);
        assertThat(imds.requests(InstanceMetadataServer.CREDENTIALS_PATH)).isEqualTo(4);
    }

    @Test
    void theRoleDocumentCarriesTheConfiguredCredentials() throws IOException {
        InstanceMetadataServer imds = endpoints.instanceMetadata().roleName("web");
        FakeCredentials c = imds.credentials();
        Reply r = call("GET", at(InstanceMetadataServer.CREDENTIALS_PATH + "web"), Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"Code\" : \"Success\"", "\"AccessKeyId\" : \"" + c.accessKeyId() + "\"",
                "\"Token\" : \"" + c.sessionToken() + "\"", "\"Expiration\" : \"" + c.expiration() + "\"");
        assertThat(c.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(c.secretAccessKey()).hasSize(40);
        assertThat(c.toString()).doesNotContain(c.secretAccessKey()).doesNotContain(c.sessionToken());
        assertThat(call("GET", at(InstanceMetadataServer.CREDENTIALS_PATH + "other"), Map.of()).status()).isEqualTo(404);

        imds.roleName(null);
        assertThat(call("GET", at(InstanceMetadataServer.CREDENTIALS_PATH), Map.of()).status()).isEqualTo(404);
    }

    @Test
    void faultsApplyToTheNextMatchingRequestsOnly() throws IOException {
        InstanceMetadataServer imds = endpoints.instanceMetadata();
        URI roles = at(InstanceMetadataServer.CREDENTIALS_PATH);
        imds.faults().next(2, Fault.status(503).onlyFor("GET", InstanceMetadataServer.CREDENTIALS_PATH));

        assertThat(token("60").status()).as("another path is not affected").isEqualTo(200);
        assertThat(call("GET", roles, Map.of()).status()).isEqualTo(503);
        assertThat(imds.faults().remaining()).isEqualTo(1);
        assertThat(call("GET", roles, Map.of()).body()).contains("InjectedFault");
        assertThat(call("GET", roles, Map.of()).status()).isEqualTo(200);

        imds.faults().always(Fault.malformedBody());
        assertThat(call("GET", roles, Map.of()).body()).startsWith("<html>");
        imds.faults().clear();
        assertThat(call("GET", roles, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void eachTestStartsFromDefaults() throws IOException {
        // Whatever the other tests changed, the extension reset it before this one.
        InstanceMetadataServer imds = endpoints.instanceMetadata();
        assertThat(imds.requests()).isZero();
        assertThat(imds.faults().remaining()).isZero();
        assertThat(imds.roleName()).isEqualTo(InstanceMetadataServer.DEFAULT_ROLE);
        assertThat(call("GET", at(InstanceMetadataServer.CREDENTIALS_PATH), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void theContainerServerChecksTheAuthorizationHeader() throws IOException {
        ContainerCredentialsServer ecs = endpoints.container().expectAuthorization("tok");
        URI creds = ecs.credentialsUri();
        assertThat(call("GET", creds, Map.of()).status()).isEqualTo(401);
        assertThat(call("GET", creds, Map.of("Authorization", "nope")).status()).isEqualTo(403);
        assertThat(call("GET", creds, Map.of("Authorization", "tok")).body()).contains(ecs.credentials().accessKeyId());
        assertThat(call("GET", ecs.endpoint().resolve("/elsewhere"), Map.of("Authorization", "tok")).status()).isEqualTo(404);
        assertThat(ecs.requests(ecs.path())).isEqualTo(3);
    }

    @RepeatedTest(2)
    void theLocalStsRunsAndStartsEmptyForEachTest() throws IOException {
        LocalSts sts = endpoints.sts();
        assertThat(sts.calls()).isZero();
        sts.createUser("alice"); // a second run would fail here if the first one's user had survived

        Reply unsigned = call("POST", sts.endpoint().resolve("/?Action=GetCallerIdentity&Version=2011-06-15"), Map.of());

        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.body()).contains("<Code>MissingAuthenticationToken</Code>");
        assertThat(sts.calls("GetCallerIdentity")).isEqualTo(1);
    }

    @Test
    void serversWorkWithoutJUnit() throws IOException {
        URI stopped;
        try (InstanceMetadataServer imds = new InstanceMetadataServer().start()) {
            stopped = imds.endpoint();
            assertThat(stopped.getHost()).isEqualTo("127.0.0.1");
            assertThat(call("PUT", stopped.resolve(InstanceMetadataServer.TOKEN_PATH),
                    Map.of(InstanceMetadataServer.TTL_HEADER, "5")).status()).isEqualTo(200);
        }
        URI url = stopped.resolve(InstanceMetadataServer.CREDENTIALS_PATH);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> call("GET", url, Map.of()))
                .isInstanceOf(IOException.class);
    }
}
