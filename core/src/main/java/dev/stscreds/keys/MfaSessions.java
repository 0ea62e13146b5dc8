package dev.stscreds.keys;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.LongTermKeyStore;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileFileEditor;
import dev.stscreds.config.ProfileFileKind;
import dev.stscreds.config.ProfileFileLocations;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Settings;
import dev.stscreds.mfa.MfaCodeSource;
import dev.stscreds.source.SessionTokenCredentialsProvider;
import dev.stscreds.resolve.Regions;
import dev.stscreds.wire.endpoints.EndpointOptions;
import dev.stscreds.wire.net.Network;
import dev.stscreds.wire.iam.IamEndpoints;
import dev.stscreds.wire.sts.StsClient;
import dev.stscreds.wire.sts.StsEndpoints;
import dev.stscreds.wire.sts.StsSession;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Trades a profile's long-term keys (from the vault) for a GetSessionToken session with MFA, and
 * writes it into that profile of the shared credentials file, changing nothing else in the file.
 */
public final class MfaSessions {
    private MfaSessions() {}

    /** What {@link #start} did: the session, and the MFA device it used. */
    public record Started(StsSession session, String serialNumber) {}

    /**
     * @param endpointOverride {@code --endpoint-url}, for STS and IAM alike
     * @param duration         null for STS's default of 12 hours
     */
    public static Started start(Settings settings, Clock clock, LongTermKeyStore vault, String profile,
                                MfaCodeSource codes, Optional<String> endpointOverride, Duration duration) {
        Credentials keys = vault.get(profile).orElseThrow(() -> new CredentialsException(
                "profile " + profile + " has no long-term keys in " + vault.describe(),
                "store them first with `stscreds init --profile " + profile + "`"));
        Optional<Profile> config = ProfileSet.load(settings).profile(profile);
        String serial = config.flatMap(p -> p.value("mfa_serial").or(() -> p.value("aws_mfa_serial")))
                .orElseGet(() -> onlyMfaDevice(settings, clock, keys, profile, endpointOverride));
        EndpointOptions endpointOptions = config.map(p -> EndpointOptions.read(settings, p::value, profile))
                .orElseGet(() -> EndpointOptions.fromEnvironment(settings));
        StsEndpoints.Endpoint sts = StsEndpoints.resolve(settings, endpointOptions, endpointOverride, Optional.empty(),
                config.flatMap(p -> p.value("endpoint_url")), config.flatMap(p -> p.value("region")));
        StsSession session = new SessionTokenCredentialsProvider(StsClient.create(sts.uri(), sts.signingRegion(), clock,
                Network.of(settings, config.flatMap(p -> p.value("ca_bundle")), profile)),
                () -> keys, duration, serial, codes, profile).session();
        return new Started(session, serial);
    }

    /** Writes the session's keys and expiry into {@code [profile]} of the credentials file; other bytes stay. */
    public static Path writeToCredentialsFile(Settings settings, String profile, StsSession session) {
        Path file = ProfileFileLocations.credentialsFile(settings);
        Credentials c = session.credentials();
        Map<String, String> set = new LinkedHashMap<>();
        set.put("aws_access_key_id", c.accessKeyId());
        set.put("aws_secret_access_key", c.secretAccessKey());
        set.put("aws_session_token", c.sessionToken().orElseThrow());
        set.put("expiration", DateTimeFormatter.ISO_INSTANT.format(c.expiration().orElseThrow()));
        ProfileFileEditor.of(file, ProfileFileKind.CREDENTIALS).update(profile, set, Set.of("aws_security_token"));
        return file;
    }

    private static String onlyMfaDevice(Settings settings, Clock clock, Credentials keys, String profile,
                                        Optional<String> endpointOverride) {
        List<String> devices = IamEndpoints.client(settings, endpointOverride, Regions.forProfile(settings, profile), clock)
                .listMfaDevices(keys, null);
        if (devices.size() != 1) {
            throw new CredentialsException("profile " + profile + " has no mfa_serial, and IAM lists "
                    + devices.size() + " MFA devices for its user" + (devices.isEmpty() ? "" : ": " + String.join(", ", devices)),
                    "set mfa_serial in the profile to the device to use");
        }
        return devices.get(0);
    }
}
