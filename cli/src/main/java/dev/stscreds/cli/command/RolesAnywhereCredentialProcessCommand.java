package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.output.CredentialsFormat;
import dev.stscreds.rolesanywhere.CreateSessionRequest;
import dev.stscreds.rolesanywhere.RolesAnywhereEndpoints;
import dev.stscreds.rolesanywhere.RolesAnywhereSettings;
import dev.stscreds.wire.ServiceEndpoints;
import dev.stscreds.wire.endpoints.EndpointOptions;
import dev.stscreds.x509.CertificateSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds roles-anywhere credential-process}: one CreateSession, printed as credential_process JSON. */
@Command(name = "credential-process", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Call IAM Roles Anywhere's CreateSession with the certificate and print the credential_process JSON.",
            "The certificate and key are checked first (validity, key match, chain), so a bad one fails here with its reason.",
            "A PIN or key password is read from STSCREDS_PKCS11_PIN / STSCREDS_KEY_PASSWORD, else asked on the terminal."},
        footerHeading = "%nExample:%n",
        footer = {"  stscreds roles-anywhere credential-process --certificate cert.pem --private-key key.pem \\",
            "      --trust-anchor-arn arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/TA-ID \\",
            "      --profile-arn arn:aws:rolesanywhere:eu-west-1:111122223333:profile/PROFILE-ID \\",
            "      --role-arn arn:aws:iam::111122223333:role/OnPrem"})
public final class RolesAnywhereCredentialProcessCommand implements Callable<Integer> {
    static final String PIN_VARIABLE = "STSCREDS_PKCS11_PIN";
    static final String PASSWORD_VARIABLE = "STSCREDS_KEY_PASSWORD";

    @ParentCommand
    RolesAnywhereCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--certificate", paramLabel = "FILE|URI",
            description = "The certificate: a PEM or DER file, a PKCS#12 bundle (with no --private-key), or a pkcs11: URI.")
    String certificate;

    @Option(names = "--private-key", paramLabel = "FILE|URI",
            description = {"The private key: a PEM or DER file (PKCS#8, PKCS#1, SEC1; encrypted PKCS#8), a pkcs11: URI,",
                "or vault:NAME for a key imported into the stscreds vault (roles-anywhere import-key)."})
    String privateKey;

    @Option(names = "--intermediates", paramLabel = "FILE", description = "A PEM file of intermediate CA certificates.")
    Path intermediates;

    @Option(names = "--trust-anchor-arn", required = true, paramLabel = "ARN", description = "The trust anchor that vouches for the certificate.")
    String trustAnchorArn;

    @Option(names = "--profile-arn", required = true, paramLabel = "ARN", description = "The Roles Anywhere profile.")
    String profileArn;

    @Option(names = "--role-arn", required = true, paramLabel = "ARN", description = "The role to get a session of.")
    String roleArn;

    @Option(names = "--session-duration", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Session length, 900 to 43200 seconds (default ${DEFAULT-VALUE}).")
    int sessionDuration;

    @Option(names = "--role-session-name", paramLabel = "NAME", description = "The session's name (default: the certificate's serial number).")
    String roleSessionName;

    @Option(names = "--region", paramLabel = "REGION", description = "The signing region (default: the trust anchor's).")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL", description = {"Send CreateSession here instead of the region's endpoint",
            "(also AWS_ENDPOINT_URL_ROLESANYWHERE or AWS_ENDPOINT_URL; AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT pick the default)."})
    URI endpoint;

    @Option(names = "--pkcs11-lib", paramLabel = "FILE", description = "The PKCS#11 module for pkcs11: URIs, e.g. /usr/lib/softhsm/libsofthsm2.so.")
    String pkcs11Library;

    @Option(names = "--trust-anchor-certificate", paramLabel = "FILE",
            description = "The trust anchor's CA certificate (PEM): the chain is checked against it before any call.")
    Path trustAnchorCertificate;

    // aws_signing_helper's other flags, so its credential_process lines keep working or fail with the reason
    @Option(names = "--with-proxy", hidden = true, description = "Accepted: HTTPS_PROXY and NO_PROXY are always honoured.")
    boolean withProxy;

    @Option(names = "--reuse-pin", hidden = true, description = "Accepted: the token is logged in once per call.")
    boolean reusePin;

    @Option(names = "--pkcs8-password", hidden = true, paramLabel = "PASSWORD",
            description = "Accepted with a warning (visible to every user in ps); prefer STSCREDS_KEY_PASSWORD.")
    String pkcs8Password;

    @Option(names = "--no-verify-ssl", hidden = true, description = "Refused: TLS is always verified.")
    boolean noVerifySsl;

    @Option(names = {"--cert-selector", "--system-store-name", "--tpm-key-password"}, hidden = true, paramLabel = "VALUE",
            description = "Refused: OS certificate stores and TPM keys are not supported.")
    String osStoreOrTpm;

    @Option(names = {"--use-latest-expiring-certificate", "--no-tpm-key-password"}, hidden = true,
            description = "Refused: OS certificate stores and TPM keys are not supported.")
    boolean osStoreOrTpmFlag;

    private void refuseUnsupported() {
        if (noVerifySsl) {
            throw new dev.stscreds.CredentialsException("--no-verify-ssl is not supported by stscreds",
                    "TLS is always verified; trust a private CA with AWS_CA_BUNDLE instead");
        }
        if (osStoreOrTpm != null || osStoreOrTpmFlag) {
            throw new dev.stscreds.CredentialsException("certificate stores of the OS and TPM keys are not supported by stscreds",
                    "give the certificate and key as files, a PKCS#12 bundle, vault:NAME or a pkcs11: URI (--certificate, --private-key)");
        }
    }

    @Override
    public Integer call() {
        var root = parent.root();
        refuseUnsupported();
        if (pkcs8Password != null) {
            spec.commandLine().getErr().println("stscreds: warning: --pkcs8-password shows the password to every user of this machine"
                    + " (ps); set STSCREDS_KEY_PASSWORD instead");
        }
        var request = new CreateSessionRequest(trustAnchorArn, profileArn, roleArn, sessionDuration, roleSessionName);
        URI target = endpoint != null ? endpoint : ServiceEndpoints.configured(root.settings(), RolesAnywhereEndpoints.SERVICE_ID,
                Optional.empty(), Optional.empty()).map(ServiceEndpoints.Configured::uri).orElse(null);
        var settings = new RolesAnywhereSettings(new CertificateSpec(certificate, privateKey, intermediates, pkcs11Library),
                request, region, target, trustAnchorCertificate, EndpointOptions.fromEnvironment(root.settings()));
        CertificateSpec.Secrets secrets = what -> {
            if (!what.contains("PIN") && pkcs8Password != null) return pkcs8Password.toCharArray();
            String variable = what.contains("PIN") ? PIN_VARIABLE : PASSWORD_VARIABLE;
            Optional<String> given = root.settings().environmentVariable(variable);
            return given.isPresent() ? given.get().toCharArray() : dev.stscreds.prompt.Prompts.forSettings(root.settings()).secret(what);
        };
        CertificateSpec.VaultKeys vault = name -> root.vault().privateKey(name);
        if (root.debug()) { // the global --debug, which aws_signing_helper's lines also pass
            var identity = settings.certificate().load(secrets, vault);
            var signed = new dev.stscreds.rolesanywhere.RolesAnywhereClient(settings.resolvedEndpoint(), settings.signingRegion())
                    .signedCreateSession(request, identity, root.clock().instant());
            spec.commandLine().getErr().println("canonical request:\n" + signed.canonicalRequest() + "\n\nstring to sign:\n"
                    + signed.stringToSign() + "\n");
        }
        var credentials = settings.provider(root.clock(), secrets, vault, "command line").resolve();
        spec.commandLine().getOut().print(CredentialsFormat.CREDENTIAL_PROCESS.render(credentials, Optional.empty(), "roles-anywhere"));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
