package dev.stscreds.rolesanywhere;

import dev.stscreds.wire.endpoints.EndpointOptions;
import dev.stscreds.x509.CertificateSpec;
import dev.stscreds.x509.Certificates;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything a Roles Anywhere session needs, as a profile or a command line gives it: where the
 * certificate and key are, the CreateSession parameters, and optionally the region, an endpoint
 * override and the trust anchor's CA certificate (to check the chain before any call).
 *
 * @param region                  the signing region; null for the trust anchor's
 * @param endpoint                an endpoint override; null for the region's
 * @param trustAnchorCertificate  a PEM file with the trust anchor's CA certificate, or null
 * @param endpointOptions         FIPS and dual-stack, for the default endpoint; null for neither
 */
public record RolesAnywhereSettings(CertificateSpec certificate, CreateSessionRequest request, String region, URI endpoint,
                                    Path trustAnchorCertificate, EndpointOptions endpointOptions) {
    public RolesAnywhereSettings {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(request, "request");
        if (endpointOptions == null) endpointOptions = EndpointOptions.DEFAULTS;
    }

    public String signingRegion() {
        return region == null || region.isBlank() ? request.region() : region;
    }

    public URI resolvedEndpoint() {
        return endpoint != null ? endpoint : RolesAnywhereEndpoints.forRegion(signingRegion(), endpointOptions);
    }

    /** The provider (not cached: wrap it in the refresh decorator for more than one call). */
    public RolesAnywhereCredentialsProvider provider(Clock clock, CertificateSpec.Secrets secrets, String label) {
        return provider(clock, secrets, CertificateSpec.VaultKeys.NONE, label);
    }

    /** @param vault private keys kept in the stscreds vault, for {@code vault:NAME} keys */
    public RolesAnywhereCredentialsProvider provider(Clock clock, CertificateSpec.Secrets secrets, CertificateSpec.VaultKeys vault,
                                                     String label) {
        X509Certificate anchor = trustAnchorCertificate == null ? null
                : Certificates.read(trustAnchorCertificate, "trust anchor certificate").get(0);
        return new RolesAnywhereCredentialsProvider(() -> certificate.load(secrets, vault), anchor, request,
                new RolesAnywhereClient(resolvedEndpoint(), signingRegion()), clock, label);
    }
}
