package dev.stscreds.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The line-by-line reader of SPEC §2 (the rules of the AWS SDK for Java v2, with key names folded to lower
 * case as botocore does): a small state machine that
 * turns lines into an {@link ProfileFileOutline}. Errors throw {@link ProfileFileException}; lines it may
 * skip become warnings.
 */
final class ProfileFileParser {
    /** What profile, section and property names may contain. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-/.%@:+]+");
    static final String NAME_RULE = "letters, digits and _ - / . % @ : +";

    private static final String[] HEADER_COMMENTS = {"#", ";"};
    private static final String[] PROPERTY_COMMENTS = {" #", " ;", "\t#", "\t;"};

    private final Path path;
    private final ProfileFileKind kind;
    private final List<TextLines.Line> lines;
    private final List<ProfileFileOutline.Section> sections = new ArrayList<>();
    private final List<ProfileFileWarning> warnings = new ArrayList<>();

    /** The section being read; null before the first header and after an ignored one. */
    private SectionBuilder section;
    private boolean ignoringSection;
    /** The property being read; null right after a header and after an ignored property. */
    private EntryBuilder entry;
    private boolean ignoringEntry;

    private ProfileFileParser(Path path, ProfileFileKind kind, List<TextLines.Line> lines) {
        this.path = path;
        this.kind = kind;
        this.lines = lines;
    }

    /** Reads {@code text} (without a byte order mark); {@code path} is only used for locations. */
    static ProfileFileOutline parse(String text, Path path, ProfileFileKind kind) {
        return new ProfileFileParser(path, kind, TextLines.split(text)).parse();
    }

    /** Where the inline comment of a property line starts (whitespace before '#' or ';'); the length if none. */
    static int propertyCommentStart(String line) {
        return earliest(line, PROPERTY_COMMENTS);
    }

    private ProfileFileOutline parse() {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).content();
            if (TextLines.isBlank(line) || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[")) {
                readHeader(i, line);
            } else if (line.startsWith(" ") || line.startsWith("\t")) {
                readContinuation(i, line);
            } else {
                readProperty(i, line);
            }
        }
        closeSection();
        shadowPlainDefault();
        warnings.sort(Comparator.comparingInt(w -> w.location().line()));
        return new ProfileFileOutline(path, kind, lines, List.copyOf(sections), List.copyOf(warnings));
    }

    private void readHeader(int i, String line) {
        closeSection();
        String header = line.substring(0, earliest(line, HEADER_COMMENTS)).trim();
        if (!header.endsWith("]")) {
            throw new ProfileFileException(location(i), "section header has no closing ']'",
                    "write it as " + kind.profileHeader("NAME") + " on one line");
        }
        String raw = header.substring(1, header.length() - 1).trim();
        Optional<SectionBuilder> parsed = kind == ProfileFileKind.CONFIG ? configSection(i, raw) : credentialsSection(i, raw);
        section = parsed.orElse(null);
        ignoringSection = parsed.isEmpty();
        entry = null;
        ignoringEntry = false;
    }

    private Optional<SectionBuilder> configSection(int i, String raw) {
        if (raw.equals("default")) return named(i, SectionType.PROFILE, "default", false, raw);
        for (SectionType type : SectionType.values()) {
            if (raw.startsWith(type.word() + " ") || raw.startsWith(type.word() + "\t")) {
                String name = raw.substring(type.word().length()).trim();
                return named(i, type, name, type == SectionType.PROFILE, raw);
            }
        }
        String hint = NAME.matcher(raw).matches()
                ? "; in the config file a profile section is written [profile " + raw + "]"
                : "; the config file knows [default], [profile NAME], [sso-session NAME] and [services NAME]";
        warn(i, "section [" + raw + "] is ignored" + hint);
        return Optional.empty();
    }

    private Optional<SectionBuilder> credentialsSection(int i, String raw) {
        if (raw.startsWith("profile ") || raw.startsWith("profile\t")) {
            String name = raw.substring("profile".length()).trim();
            warn(i, "section [" + raw + "] is ignored: the credentials file names a profile without 'profile', write ["
                    + name + "]");
            return Optional.empty();
        }
        return named(i, SectionType.PROFILE, raw, false, raw);
    }

    private Optional<SectionBuilder> named(int i, SectionType type, String name, boolean profilePrefix, String raw) {
        if (!NAME.matcher(name).matches()) {
            warn(i, "section [" + raw + "] is ignored: a " + type.word() + " name may only contain " + NAME_RULE);
            return Optional.empty();
        }
        return Optional.of(new SectionBuilder(type, name, profilePrefix, i));
    }

    private void readProperty(int i, String line) {
        if (ignoringSection) return;
        if (section == null) {
            throw new ProfileFileException(location(i), "property outside any section",
                    "put it under a section header such as " + kind.profileHeader("default"));
        }
        section.lastLine = i;
        Optional<String[]> keyValue = keyValue(i, line.substring(0, earliest(line, PROPERTY_COMMENTS)).trim(), "property");
        if (keyValue.isEmpty()) {
            entry = null;
            ignoringEntry = true;
            return;
        }
        // Key names are case-insensitive, as in botocore (its INI reader lower-cases them), Go and Rust:
        // AWS_ACCESS_KEY_ID works. Sub-property names keep their case, as botocore keeps them.
        entry = section.add(keyValue.get()[0].toLowerCase(Locale.ROOT), keyValue.get()[1], i);
        ignoringEntry = false;
    }

    private void readContinuation(int i, String line) {
        if (ignoringSection || ignoringEntry) {
            if (section != null) section.lastLine = i;
            return;
        }
        if (entry == null) {
            throw new ProfileFileException(location(i), "indented line without a property above it to continue",
                    "remove the leading spaces or tabs, or move the line under a 'key = value' line");
        }
        section.lastLine = i;
        String text = line.trim();
        entry.append(text, i);
        if (entry.holdsSubProperties) {
            keyValue(i, text, "sub-property").ifPresent(kv -> entry.subProperties.put(kv[0], kv[1]));
        }
    }

    /** Splits {@code key = value} at the first '='; empty when the key is not a valid name (warned). */
    private Optional<String[]> keyValue(int i, String text, String what) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new ProfileFileException(location(i), what + " line has no '='", "write it as 'key = value'");
        }
        String key = text.substring(0, equals).trim();
        if (key.isEmpty()) {
            throw new ProfileFileException(location(i), what + " has no name before '='", "write it as 'key = value'");
        }
        if (!NAME.matcher(key).matches()) {
            warn(i, what + " is ignored: its name may only contain " + NAME_RULE);
            return Optional.empty();
        }
        return Optional.of(new String[] {key, text.substring(equals + 1).trim()});
    }

    private void closeSection() {
        if (section != null) sections.add(section.build());
        section = null;
    }

    /** In the config file {@code [profile default]} wins over {@code [default]}, whichever comes first. */
    private void shadowPlainDefault() {
        if (kind != ProfileFileKind.CONFIG) return;
        Optional<ProfileFileOutline.Section> prefixed = sections.stream()
                .filter(s -> s.is(SectionType.PROFILE, "default") && s.profilePrefix())
                .findFirst();
        if (prefixed.isEmpty()) return;
        for (int s = 0; s < sections.size(); s++) {
            ProfileFileOutline.Section candidate = sections.get(s);
            if (candidate.is(SectionType.PROFILE, "default") && !candidate.profilePrefix()) {
                sections.set(s, candidate.shadow());
                warn(candidate.headerLine(), "section [default] is ignored because [profile default] at "
                        + location(prefixed.get().headerLine()) + " takes precedence in the config file");
            }
        }
    }

    private void warn(int i, String message) {
        warnings.add(new ProfileFileWarning(location(i), message));
    }

    private Location location(int i) {
        return new Location(path, i + 1);
    }

    private static int earliest(String line, String... markers) {
        int first = line.length();
        for (String marker : markers) {
            int at = line.indexOf(marker);
            if (at >= 0 && at < first) first = at;
        }
        return first;
    }

    private static final class SectionBuilder {
        final SectionType type;
        final String name;
        final boolean profilePrefix;
        final int headerLine;
        int lastLine;
        final List<EntryBuilder> entries = new ArrayList<>();

        SectionBuilder(SectionType type, String name, boolean profilePrefix, int headerLine) {
            this.type = type;
            this.name = name;
            this.profilePrefix = profilePrefix;
            this.headerLine = headerLine;
            this.lastLine = headerLine;
        }

        EntryBuilder add(String key, String value, int line) {
            EntryBuilder added = new EntryBuilder(key, value, line);
            entries.add(added);
            return added;
        }

        ProfileFileOutline.Section build() {
            return new ProfileFileOutline.Section(type, name, profilePrefix, headerLine, lastLine, false,
                    entries.stream().map(EntryBuilder::build).toList());
        }
    }

    private static final class EntryBuilder {
        final String key;
        final StringBuilder value;
        final int keyLine;
        final boolean holdsSubProperties;
        final Map<String, String> subProperties = new LinkedHashMap<>();
        final List<Integer> continuationLines = new ArrayList<>();

        EntryBuilder(String key, String value, int keyLine) {
            this.key = key;
            this.value = new StringBuilder(value);
            this.keyLine = keyLine;
            this.holdsSubProperties = value.isEmpty();
        }

        void append(String line, int lineIndex) {
            value.append('\n').append(line);
            continuationLines.add(lineIndex);
        }

        ProfileFileOutline.Entry build() {
            return new ProfileFileOutline.Entry(key, value.toString(),
                    Collections.unmodifiableMap(new LinkedHashMap<>(subProperties)), keyLine,
                    List.copyOf(continuationLines));
        }
    }
}
