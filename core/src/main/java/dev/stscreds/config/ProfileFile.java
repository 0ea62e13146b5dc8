package dev.stscreds.config;

import dev.stscreds.files.BoundedFileReader;

import dev.stscreds.CredentialsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One parsed config or credentials file (SPEC §2, the reader rules of the AWS SDK for Java v2).
 *
 * <ul>
 *   <li>UTF-8 (a byte order mark is skipped), lines end with LF, CRLF or CR. Lines of only spaces and tabs
 *       are skipped, so are lines starting with {@code #} or {@code ;}.
 *   <li>A line starting with {@code [} is a section header; one starting with a space or tab continues the
 *       property above; anything else is {@code key = value}, split at the first {@code =} and trimmed.
 *       A property's inline comment needs whitespace before {@code #}/{@code ;} ({@code key=abc#def} keeps
 *       {@code #def}); a header's comment does not; a continuation line keeps everything.
 *   <li>A continuation is appended to the value as {@code "\n" + line}; below a key with an empty value the
 *       lines are sub-properties {@code key = value} ({@link Property#subProperties()}).
 *   <li>Config file sections: {@code [default]}, {@code [profile NAME]}, {@code [sso-session NAME]},
 *       {@code [services NAME]}. Credentials file sections: {@code [NAME]}. Names match
 *       {@code [A-Za-z0-9_\-/.%@:+]+}; so do keys. Key names are case-insensitive (read in lower case, as
 *       botocore does); section and sub-property names keep their case.
 *   <li>A section repeated in the file merges with the earlier one; a key set twice (in any case) keeps the
 *       later value.
 *       In the config file {@code [profile default]} wins over {@code [default]} wherever each is.
 * </ul>
 *
 * <p><b>Errors and warnings.</b> Like the Java SDK, a line whose meaning cannot be known fails the whole
 * file with a {@link ProfileFileException} at {@code file:line}: a header without its closing {@code ]}, a
 * property without {@code =} or without a name (also as a sub-property), a property before any header, an
 * indented line with no property above it in its section. Skipping such a line could silently hand out the
 * wrong credentials. Lines the reader can skip with a clear meaning are ignored with a
 * {@link ProfileFileWarning}: an invalid section, profile or key name (and the keys below an ignored
 * section), {@code [profile x]} in the credentials file, an unknown section type in the config file, a key
 * set twice, {@code [default]} shadowed by {@code [profile default]}. No message contains a value.
 */
public final class ProfileFile {
    private final Path path;
    private final ProfileFileKind kind;
    private final Map<SectionType, Map<String, Profile>> sections;
    private final List<ProfileFileWarning> warnings;

    private ProfileFile(Path path, ProfileFileKind kind, Map<SectionType, Map<String, Profile>> sections,
            List<ProfileFileWarning> warnings) {
        this.path = path;
        this.kind = kind;
        this.sections = sections;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Parses the text of a profile file.
     *
     * @param path where the text came from, used only in locations and messages
     * @throws ProfileFileException at the first line that cannot be read
     */
    public static ProfileFile parse(String text, Path path, ProfileFileKind kind) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        String body = text.startsWith(TextLines.BYTE_ORDER_MARK) ? text.substring(1) : text;
        return from(ProfileFileParser.parse(body, path, kind));
    }

    /**
     * Reads and parses a profile file. A file that does not exist is an empty profile file: having no
     * config or credentials file is normal.
     *
     * @throws ProfileFileException at the first line that cannot be read
     * @throws CredentialsException naming the file when it exists but cannot be read
     */
    public static ProfileFile read(Path path, ProfileFileKind kind) {
        byte[] bytes;
        try {
            bytes = BoundedFileReader.read(path, BoundedFileReader.PROFILE_FILE_LIMIT);
        } catch (NoSuchFileException e) {
            return parse("", path, kind);
        } catch (IOException e) {
            throw new CredentialsException(
                    "Could not read the " + kind.description() + " " + path + ": " + describe(e),
                    "check that it is a file readable by this user, or point "
                            + (kind == ProfileFileKind.CONFIG ? Setting.CONFIG_FILE : Setting.SHARED_CREDENTIALS_FILE)
                                    .displayName()
                            + " at another file",
                    e);
        }
        // Malformed UTF-8 becomes U+FFFD, as in the AWS SDKs: a stray Latin-1 comment must not lock users out.
        return parse(new String(bytes, StandardCharsets.UTF_8), path, kind);
    }

    static ProfileFile from(ProfileFileOutline outline) {
        List<ProfileFileWarning> warnings = new ArrayList<>(outline.warnings());
        Map<SectionType, Map<String, Map<String, Property>>> collected = new EnumMap<>(SectionType.class);
        for (ProfileFileOutline.Section section : outline.sections()) {
            if (section.shadowed()) continue;
            Map<String, Property> properties = collected
                    .computeIfAbsent(section.type(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(section.name(), n -> new LinkedHashMap<>());
            for (ProfileFileOutline.Entry entry : section.entries()) {
                Property property = new Property(entry.key(), entry.value(), entry.subProperties(),
                        outline.location(entry.keyLine()));
                Property earlier = properties.put(entry.key(), property);
                if (earlier != null) {
                    warnings.add(new ProfileFileWarning(property.location(), "'" + entry.key() + "' of "
                            + section.type().describe(section.name()) + " is set again; the value at "
                            + earlier.location() + " is ignored"));
                }
            }
        }
        Map<SectionType, Map<String, Profile>> sections = new EnumMap<>(SectionType.class);
        for (SectionType type : SectionType.values()) {
            Map<String, Profile> byName = new LinkedHashMap<>();
            collected.getOrDefault(type, Map.of()).forEach((name, properties) -> byName.put(name, new Profile(name, properties)));
            sections.put(type, Collections.unmodifiableMap(byName));
        }
        warnings.sort(Comparator.comparingInt(w -> w.location().line()));
        return new ProfileFile(outline.path(), outline.kind(), sections, warnings);
    }

    public Path path() {
        return path;
    }

    public ProfileFileKind kind() {
        return kind;
    }

    /** Profiles by name, in file order. */
    public Map<String, Profile> profiles() {
        return sections.get(SectionType.PROFILE);
    }

    /** {@code [sso-session NAME]} sections by name (config file only). */
    public Map<String, Profile> ssoSessions() {
        return sections.get(SectionType.SSO_SESSION);
    }

    /** {@code [services NAME]} sections by name (config file only). */
    public Map<String, Profile> services() {
        return sections.get(SectionType.SERVICES);
    }

    /** What was ignored or overridden, in line order. */
    public List<ProfileFileWarning> warnings() {
        return warnings;
    }

    Map<String, Profile> sections(SectionType type) {
        return sections.get(type);
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) return fse.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public String toString() {
        return "ProfileFile[" + kind.description() + " " + path + ", profiles=" + profiles().keySet() + "]";
    }
}
