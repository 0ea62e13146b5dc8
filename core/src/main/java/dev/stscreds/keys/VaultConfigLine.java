package dev.stscreds.keys;

import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileFileEditor;
import dev.stscreds.config.ProfileFileKind;
import dev.stscreds.config.ProfileFileLocations;
import dev.stscreds.config.Property;
import dev.stscreds.resolve.ProfileContext;
import dev.stscreds.resolve.SelfReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes a profile whose keys are in the vault visible to every AWS tool: its section of the config
 * file gets {@code credential_process = stscreds credential-process --profile P}, changing no other
 * byte. A profile that already gets credentials another way (a role, SSO, another process) is left
 * as it is: the line would silently change what it resolves to.
 */
public final class VaultConfigLine {
    private static final List<String> OTHER_SOURCES = List.of("role_arn", "web_identity_token_file", "sso_session",
            "sso_start_url", "credential_source");
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private VaultConfigLine() {}

    public enum Outcome { ADDED, ALREADY_THERE, LEFT_ALONE }

    /**
     * What happened.
     *
     * @param reason        for {@link Outcome#LEFT_ALONE}: how the profile gets credentials instead
     * @param plaintextKeys keys of the profile in the shared credentials file, which the AWS CLI
     *                      reads before any {@code credential_process}
     */
    public record Result(Outcome outcome, Path configFile, String line, Optional<String> reason,
                         Optional<Property> plaintextKeys) {}

    /** The line for a profile, words quoted as the AWS CLI splits them (POSIX shell rules). */
    public static String line(String stscredsCommand, String profile) {
        return quote(stscredsCommand) + " credential-process --profile " + quote(profile);
    }

    public static Result write(ProfileContext context, String profile, String stscredsCommand) {
        Path configFile = ProfileFileLocations.configFile(context.settings());
        String line = line(stscredsCommand, profile);
        Optional<Profile> existing = context.profiles().profile(profile);
        Optional<Property> plaintext = context.profiles().profile(profile)
                .flatMap(p -> p.property("aws_access_key_id"))
                .filter(k -> k.location().file().equals(ProfileFileLocations.credentialsFile(context.settings())));
        Optional<Property> process = existing.flatMap(p -> p.property("credential_process"));
        if (process.isPresent()) {
            if (SelfReference.asksStscredsFor(process.get().value(), profile)) {
                return new Result(Outcome.ALREADY_THERE, configFile, process.get().value(), Optional.empty(), plaintext);
            }
            return new Result(Outcome.LEFT_ALONE, configFile, line,
                    Optional.of("it runs credential_process = " + process.get().value() + " (" + process.get().location() + ")"),
                    plaintext);
        }
        for (String key : OTHER_SOURCES) {
            Optional<Property> other = existing.flatMap(p -> p.property(key));
            if (other.isPresent()) {
                return new Result(Outcome.LEFT_ALONE, configFile, line,
                        Optional.of("it sets " + key + " (" + other.get().location() + ")"), plaintext);
            }
        }
        ProfileFileEditor.of(configFile, ProfileFileKind.CONFIG).update(profile, Map.of("credential_process", line), Set.of());
        return new Result(Outcome.ADDED, configFile, line, Optional.empty(), plaintext);
    }

    private static String quote(String word) {
        if (PLAIN_WORD.matcher(word).matches()) return word;
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
