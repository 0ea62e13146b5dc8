package dev.stscreds.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The profiles a process sees: the credentials file merged with the config file. For the same profile and
 * key the credentials file wins (as in the AWS SDKs); {@link Property#location()} tells which file a value
 * came from. Sections of the same name merge key by key.
 */
public final class ProfileSet {
    private final ProfileFile credentials;
    private final ProfileFile config;

    private ProfileSet(ProfileFile credentials, ProfileFile config) {
        this.credentials = credentials;
        this.config = config;
    }

    /** Reads both files from where {@link ProfileFileLocations} says they are; missing files are empty. */
    public static ProfileSet load(Settings settings) {
        return of(
                ProfileFile.read(ProfileFileLocations.credentialsFile(settings), ProfileFileKind.CREDENTIALS),
                ProfileFile.read(ProfileFileLocations.configFile(settings), ProfileFileKind.CONFIG));
    }

    public static ProfileSet of(ProfileFile credentials, ProfileFile config) {
        return new ProfileSet(Objects.requireNonNull(credentials, "credentials"), Objects.requireNonNull(config, "config"));
    }

    public Optional<Profile> profile(String name) {
        return merged(SectionType.PROFILE, name);
    }

    /** Every profile name of both files, sorted. */
    public Set<String> profileNames() {
        Set<String> names = new TreeSet<>(credentials.profiles().keySet());
        names.addAll(config.profiles().keySet());
        return Collections.unmodifiableSet(names);
    }

    public Optional<Profile> ssoSession(String name) {
        return merged(SectionType.SSO_SESSION, name);
    }

    public Optional<Profile> services(String name) {
        return merged(SectionType.SERVICES, name);
    }

    /** The warnings of the credentials file, then those of the config file. */
    public List<ProfileFileWarning> warnings() {
        List<ProfileFileWarning> all = new ArrayList<>(credentials.warnings());
        all.addAll(config.warnings());
        return Collections.unmodifiableList(all);
    }

    public Path configFile() {
        return config.path();
    }

    public Path credentialsFile() {
        return credentials.path();
    }

    private Optional<Profile> merged(SectionType type, String name) {
        Map<String, Profile> fromCredentials = credentials.sections(type);
        Map<String, Profile> fromConfig = config.sections(type);
        Profile first = fromCredentials.get(name);
        Profile second = fromConfig.get(name);
        if (first == null) return Optional.ofNullable(second);
        return Optional.of(second == null ? first : first.withDefaultsFrom(second));
    }

    @Override
    public String toString() {
        return "ProfileSet[" + credentials.path() + ", " + config.path() + ", profiles=" + profileNames() + "]";
    }
}
