package dev.stscreds.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A profile file as the reader understood it, line by line: which lines form which section and which
 * property. {@link ProfileFile} builds its model from it; {@link ProfileFileEditor} uses it to know which
 * lines to touch. Line numbers here are 0-based indexes into {@link #lines()}.
 */
record ProfileFileOutline(
        Path path, ProfileFileKind kind, List<TextLines.Line> lines, List<Section> sections, List<ProfileFileWarning> warnings) {

    /**
     * A section the reader kept. {@code lastLine} is its last header, property or continuation line (blank and
     * comment lines after it are not part of it). A {@code shadowed} section is a config file's
     * {@code [default]} when {@code [profile default]} exists; the reader ignores it.
     */
    record Section(
            SectionType type,
            String name,
            boolean profilePrefix,
            int headerLine,
            int lastLine,
            boolean shadowed,
            List<Entry> entries) {

        Section shadow() {
            return new Section(type, name, profilePrefix, headerLine, lastLine, true, entries);
        }

        boolean is(SectionType otherType, String otherName) {
            return type == otherType && name.equals(otherName);
        }
    }

    /** A property: the line of its key and the continuation lines that belong to it. */
    record Entry(String key, String value, Map<String, String> subProperties, int keyLine, List<Integer> continuationLines) {}

    Location location(int lineIndex) {
        return new Location(path, lineIndex + 1);
    }

    /** The sections the reader uses for one name, in file order (shadowed {@code [default]} sections left out). */
    List<Section> effectiveSections(SectionType type, String name) {
        return sections.stream().filter(s -> s.is(type, name) && !s.shadowed()).toList();
    }

    /** Every section of one name, shadowed ones included. */
    List<Section> allSections(SectionType type, String name) {
        return sections.stream().filter(s -> s.is(type, name)).toList();
    }
}
