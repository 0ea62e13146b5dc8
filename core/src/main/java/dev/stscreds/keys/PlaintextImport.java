package dev.stscreds.keys;

import dev.stscreds.files.BoundedFileReader;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.LongTermKeyStore;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileFile;
import dev.stscreds.config.ProfileFileEditor;
import dev.stscreds.config.ProfileFileKind;
import dev.stscreds.config.ProfileFileLocations;
import dev.stscreds.config.Property;
import dev.stscreds.config.Settings;
import dev.stscreds.files.AtomicFiles;
import dev.stscreds.output.ShellWords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/**
 * Moves a profile's plaintext long-term keys from the shared credentials file into the vault, and
 * puts a {@code credential_process} line in the config file in their place, so every AWS tool
 * still works and no plaintext key is left.
 *
 * <p>Order, so that an interruption loses nothing: the keys are stored and read back from the
 * vault; a backup of the credentials file is written with the moved secrets blanked (a backup
 * must not keep them in plaintext either); the config line is added; only then are the keys
 * removed from the credentials file.
 */
public final class PlaintextImport {
    private static final String MOVED = "(moved to the stscreds vault)";

    private PlaintextImport() {}

    /** What happened, for the user. */
    public record Result(String profile, Path credentialsFile, Path backup, Path configFile, String credentialProcess) {}

    public static Result importProfile(Settings settings, Clock clock, LongTermKeyStore vault, String profile, String stscredsCommand) {
        Path credentialsFile = ProfileFileLocations.credentialsFile(settings);
        Path configFile = ProfileFileLocations.configFile(settings);
        Profile section = ProfileFile.read(credentialsFile, ProfileFileKind.CREDENTIALS).profiles().get(profile);
        if (section == null || section.property("aws_access_key_id").isEmpty()) {
            throw new CredentialsException("profile " + profile + " has no aws_access_key_id in " + credentialsFile,
                    "import moves plaintext keys of the credentials file; for new keys use `stscreds init --profile " + profile + "`");
        }
        if (section.property("aws_session_token").isPresent()) {
            throw new CredentialsException("profile " + profile + " in " + credentialsFile + " holds a session, not long-term keys",
                    "sessions expire by themselves; import the profile that holds the long-term keys");
        }
        Property id = section.property("aws_access_key_id").get();
        Property secret = section.property("aws_secret_access_key").orElseThrow(() -> new CredentialsException(
                "profile " + profile + " has aws_access_key_id but no aws_secret_access_key (" + id.location() + ")", null));
        Credentials keys = Keys.longTerm(id.value(), secret.value(), "profile " + profile + " of " + credentialsFile);

        vault.put(profile, keys);
        if (!vault.get(profile).map(k -> k.accessKeyId().equals(keys.accessKeyId())
                && k.secretAccessKey().equals(keys.secretAccessKey())).orElse(false)) {
            throw new CredentialsException("the vault did not give back the keys of profile " + profile + "; nothing was changed",
                    "check the vault with `stscreds list`");
        }
        Path backup = backup(credentialsFile, clock, secret.value());
        // Quoted so that an install path with a space (or a profile name with one) stays one word.
        String line = ShellWords.word(stscredsCommand) + " credential-process --profile " + ShellWords.word(profile);
        ProfileFileEditor.of(configFile, ProfileFileKind.CONFIG).update(profile, Map.of("credential_process", line), Set.of());
        ProfileFileEditor.of(credentialsFile, ProfileFileKind.CREDENTIALS)
                .update(profile, Map.of(), Set.of("aws_access_key_id", "aws_secret_access_key"));
        return new Result(profile, credentialsFile, backup, configFile, line);
    }

    private static Path backup(Path file, Clock clock, String secret) {
        try {
            String text = BoundedFileReader.readString(file, BoundedFileReader.PROFILE_FILE_LIMIT).replace(secret, MOVED);
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(clock.instant());
            Path backup = file.resolveSibling(file.getFileName() + ".stscreds-backup-" + stamp);
            AtomicFiles.write(backup, text.getBytes(StandardCharsets.UTF_8));
            return backup;
        } catch (IOException e) {
            throw new CredentialsException("could not back up " + file + ": " + e.getMessage() + "; nothing was changed", null);
        }
    }
}
