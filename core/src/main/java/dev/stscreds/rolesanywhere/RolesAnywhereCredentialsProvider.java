package dev.stscreds.rolesanywhere;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.x509.SigningIdentity;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Temporary credentials of a role from IAM Roles Anywhere: the certificate and key are loaded and
 * checked (validity, key match, chain) before each CreateSession, so a renewed certificate is used at
 * the next refresh and a bad one fails here, with its reason, instead of at the service.
 *
 * <p>Not cached: wrap it in the refresh decorator.
 */
public final class RolesAnywhereCredentialsProvider implements CredentialsProvider {
    private final Supplier<SigningIdentity> identity;
    private final X509Certificate trustAnchorCertificate;
    private final CreateSessionRequest request;
    private final RolesAnywhereClient client;
    private final Clock clock;
    private final String label;

    /**
     * @param trustAnchorCertificate the anchor's CA certificate when known here (the chain is checked against it), or null
     * @param label                  where the settings came from, e.g. {@code profile ra} or {@code command line}
     */
    public RolesAnywhereCredentialsProvider(Supplier<SigningIdentity> identity, X509Certificate trustAnchorCertificate,
                                            CreateSessionRequest request, RolesAnywhereClient client, Clock clock,
                                            String label) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.trustAnchorCertificate = trustAnchorCertificate;
        this.request = Objects.requireNonNull(request, "request");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.label = label;
    }

    @Override
    public String name() {
        return "IAM Roles Anywhere " + request.roleArn();
    }

    @Override
    public Credentials resolve() {
        SigningIdentity id = identity.get();
        id.check(clock.instant(), trustAnchorCertificate);
        Credentials c = client.createSession(request, id, clock.instant());
        return c.withSource((label == null ? "" : label + ": ") + "IAM Roles Anywhere role " + request.roleArn()
                + " with certificate serial " + id.serialNumber());
    }
}
