package dev.stscreds.resolve;

import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileFileException;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Property;
import dev.stscreds.config.Settings;
import dev.stscreds.rolesanywhere.CreateSessionRequest;
import dev.stscreds.rolesanywhere.RolesAnywhereEndpoints;
import dev.stscreds.rolesanywhere.RolesAnywhereSettings;
import dev.stscreds.wire.ServiceEndpoints;
import dev.stscreds.wire.endpoints.EndpointOptions;
import dev.stscreds.x509.CertificateSpec;
import dev.stscreds.x509.Certificates;
import dev.stscreds.x509.Pkcs11Uri;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Profiles that get their credentials from IAM Roles Anywhere. The keys:
 * <pre>
 * [profile onprem]
 * role_arn = arn:aws:iam::111122223333:role/OnPrem
 * roles_anywhere_trust_anchor_arn = arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/…
 * roles_anywhere_profile_arn = arn:aws:rolesanywhere:eu-west-1:111122223333:profile/…
 * roles_anywhere_certificate = /etc/pki/ra/cert.pem      (PEM/DER, a PKCS#12 bundle, or a pkcs11: URI)
 * roles_anywhere_private_key = /etc/pki/ra/key.pem       (a key file, vault:NAME, or a pkcs11: URI; none for PKCS#12)
 * roles_anywhere_intermediates = /etc/pki/ra/chain.pem   (optional)
 * roles_anywhere_pkcs11_lib = /usr/lib/softhsm/libsofthsm2.so  (for pkcs11: URIs)
 * roles_anywhere_trust_anchor_certificate = /etc/pki/ra/ca.pem  (optional: check the chain before calls)
 * duration_seconds = 3600     role_session_name = host-7  (optional)
 * </pre>
 * The endpoint is the trust anchor's region's, from the service's rules (FIPS and dual-stack
 * settings apply), unless {@code AWS_ENDPOINT_URL_ROLESANYWHERE}, {@code [services]}
 * ({@code rolesanywhere = endpoint_url = …}), {@code AWS_ENDPOINT_URL} or {@code endpoint_url} say otherwise.
 * A PIN or key password comes from {@code pin-value}/{@code pin-source} in the URI, else
 * {@code STSCREDS_PKCS11_PIN} / {@code STSCREDS_KEY_PASSWORD}.
 */
final class RolesAnywherePlans {
    static final String TRUST_ANCHOR_ARN = "roles_anywhere_trust_anchor_arn";
    static final String PROFILE_ARN = "roles_anywhere_profile_arn";
    static final String CERTIFICATE = "roles_anywhere_certificate";
    static final String PRIVATE_KEY = "roles_anywhere_private_key";
    static final String INTERMEDIATES = "roles_anywhere_intermediates";
    static final String PKCS11_LIB = "roles_anywhere_pkcs11_lib";
    static final String ANCHOR_CERTIFICATE = "roles_anywhere_trust_anchor_certificate";
    static final String PIN_VARIABLE = "STSCREDS_PKCS11_PIN";
    static final String PASSWORD_VARIABLE = "STSCREDS_KEY_PASSWORD";
    private static final List<String> KEYS = List.of("role_arn", TRUST_ANCHOR_ARN, PROFILE_ARN, CERTIFICATE, PRIVATE_KEY,
            INTERMEDIATES, PKCS11_LIB, ANCHOR_CERTIFICATE, "duration_seconds", "role_session_name");

    private RolesAnywherePlans() {
    }

    static boolean uses(Profile profile) {
        return profile.property(TRUST_ANCHOR_ARN).isPresent() || profile.property(PROFILE_ARN).isPresent();
    }

    static ProfilePlan.RolesAnywhere plan(Profile profile) {
        Property anchor = required(profile, TRUST_ANCHOR_ARN, "the trust anchor's ARN");
        Property raProfile = required(profile, PROFILE_ARN, "the Roles Anywhere profile's ARN");
        Property role = required(profile, "role_arn", "the role's ARN");
        if (profile.property(CERTIFICATE).isEmpty() && profile.property(PRIVATE_KEY).filter(k -> Pkcs11Uri.isPkcs11(k.value())).isEmpty()) {
            throw new ProfileFileException(anchor.location(), "profile " + profile.name() + " uses IAM Roles Anywhere but has no "
                    + CERTIFICATE, "add " + CERTIFICATE + " = the certificate file (or a PKCS#12 bundle, or a pkcs11: URI)");
        }
        profile.property("duration_seconds").ifPresent(ProfileResolver::checkDuration);
        List<Property> keys = new ArrayList<>();
        for (String key : KEYS) profile.property(key).ifPresent(keys::add);
        return new ProfilePlan.RolesAnywhere(profile, role, anchor, raProfile, List.copyOf(keys));
    }

    static RolesAnywhereSettings settings(ProfilePlan.RolesAnywhere plan, Settings settings, ProfileSet profiles) {
        Profile p = plan.profile();
        CreateSessionRequest request;
        try {
            request = new CreateSessionRequest(plan.trustAnchorArn().value(), plan.profileArn().value(), plan.roleArn().value(),
                    p.value("duration_seconds").map(v -> Integer.parseInt(v.trim())).orElse(CreateSessionRequest.DEFAULT_DURATION_SECONDS),
                    p.value("role_session_name").orElse(null));
        } catch (CredentialsException e) {
            throw new ProfileFileException(plan.trustAnchorArn().location(), "profile " + p.name() + ": " + e.getMessage(),
                    e.hint().orElse(null));
        }
        CertificateSpec spec = new CertificateSpec(p.value(CERTIFICATE).map(v -> expand(v, settings)).orElse(null),
                p.value(PRIVATE_KEY).map(v -> expand(v, settings)).orElse(null),
                p.value(INTERMEDIATES).map(v -> settings.expandHome(v)).orElse(null), p.value(PKCS11_LIB).orElse(null));
        Optional<URI> endpoint = ServiceEndpoints.configured(settings, RolesAnywhereEndpoints.SERVICE_ID,
                ServicesSection.endpointUrl(p, profiles, RolesAnywhereEndpoints.SERVICE_ID), p.value("endpoint_url")).map(ServiceEndpoints.Configured::uri);
        EndpointOptions options = EndpointOptions.read(settings, p::value, p.name());
        return new RolesAnywhereSettings(spec, request, null, endpoint.orElse(null),
                p.value(ANCHOR_CERTIFICATE).map(v -> settings.expandHome(v)).orElse(null), options);
    }

    static CredentialsProvider provider(ProfilePlan.RolesAnywhere plan, Settings settings, ProfileSet profiles, Clock clock,
                                        ResolveOptions options) {
        RolesAnywhereSettings ra = settings(plan, settings, profiles);
        String profile = plan.profile().name();
        CertificateSpec.Secrets secrets = what -> {
            String variable = what.contains("PIN") ? PIN_VARIABLE : PASSWORD_VARIABLE;
            return settings.environmentVariable(variable).map(String::toCharArray).orElseThrow(() -> new CredentialsException(
                    "profile " + profile + " needs " + what, "set " + variable + ", or give the PIN with pin-source in the pkcs11: URI"));
        };
        CertificateSpec.VaultKeys vault = options.keyStore()
                .<CertificateSpec.VaultKeys>map(store -> name -> store.get().privateKey(name))
                .orElse(CertificateSpec.VaultKeys.NONE);
        return ra.provider(clock, secrets, vault, "profile " + profile);
    }

    /** The certificate's subject, serial and expiry for {@code explain}, read from the file without any call. */
    static String describeCertificate(ProfilePlan.RolesAnywhere plan, Settings settings) {
        Optional<String> file = plan.profile().value(CERTIFICATE);
        if (file.isEmpty() || Pkcs11Uri.isPkcs11(file.get())) return "certificate on the PKCS#11 token";
        try {
            X509Certificate c = Certificates.read(Path.of(expand(file.get(), settings)), "certificate").get(0);
            return "certificate \"" + c.getSubjectX500Principal().getName() + "\", serial " + c.getSerialNumber()
                    + ", valid until " + c.getNotAfter().toInstant();
        } catch (CredentialsException e) {
            // a PKCS#12 bundle needs its password, a missing file is reported when resolving
            return "certificate " + file.get() + " (" + e.getMessage() + ")";
        }
    }

    private static String expand(String value, Settings settings) {
        return Pkcs11Uri.isPkcs11(value) || value.startsWith(CertificateSpec.VAULT_PREFIX) ? value
                : settings.expandHome(value).toString();
    }

    private static Property required(Profile profile, String key, String what) {
        return profile.property(key).orElseThrow(() -> {
            Property any = profile.property(TRUST_ANCHOR_ARN).or(() -> profile.property(PROFILE_ARN)).orElseThrow();
            return new ProfileFileException(any.location(), "profile " + profile.name() + " uses IAM Roles Anywhere but has no "
                    + key, "add " + key + " = " + what);
        });
    }
}
