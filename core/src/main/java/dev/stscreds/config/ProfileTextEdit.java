package dev.stscreds.config;

import dev.stscreds.CredentialsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One edit of a profile file's text that changes only the lines it must. The reader's outline says which
 * lines belong to which section and property; the edit replaces, deletes or inserts whole lines and copies
 * every other line, with its own line ending, as it was. The result is read back before it is returned: an
 * edit that would not read back as intended is refused.
 */
final class ProfileTextEdit {
    private final String original;
    private final String byteOrderMark;
    private final ProfileFileOutline outline;
    private final List<TextLines.Line> lines;
    private final String newline;
    private final String[] replacements;
    private final boolean[] deleted;
    private final Map<Integer, List<String>> insertedAfter = new HashMap<>();
    private final List<String> appended = new ArrayList<>();

    /** @throws ProfileFileException when the text cannot be read: an edit must understand every line */
    ProfileTextEdit(String text, Path path, ProfileFileKind kind) {
        this.original = text;
        this.byteOrderMark = text.startsWith(TextLines.BYTE_ORDER_MARK) ? TextLines.BYTE_ORDER_MARK : "";
        this.outline = ProfileFileParser.parse(text.substring(byteOrderMark.length()), path, kind);
        this.lines = outline.lines();
        this.newline = TextLines.newlineStyle(lines);
        this.replacements = new String[lines.size()];
        this.deleted = new boolean[lines.size()];
    }

    /**
     * Sets and removes keys of one profile. A key set again replaces its winning (last) line in place, keeping
     * that line's inline comment, and its continuation lines and earlier definitions are deleted, so the file
     * ends with one definition. New keys follow the last property line of the profile's last section, in the
     * order of {@code set}. A missing profile is appended as a new section (unless there is nothing to set).
     */
    String update(String profileName, Map<String, String> set, Set<String> remove) {
        List<ProfileFileOutline.Section> sections = outline.effectiveSections(SectionType.PROFILE, profileName);
        if (sections.isEmpty()) {
            if (set.isEmpty()) return original;
            appendSection(profileName, set);
        } else {
            editSections(sections, set, remove);
        }
        String result = render();
        checkReadsBack(result, profileName, expectedAfterUpdate(profileName, set, remove));
        return result;
    }

    /**
     * Deletes every section of one profile (in the config file both {@code [default]} and
     * {@code [profile default]}), with the blank lines that follow each; comments after a section's last
     * property are kept, as they may describe what comes next.
     */
    String removeProfile(String profileName) {
        List<ProfileFileOutline.Section> sections = outline.allSections(SectionType.PROFILE, profileName);
        if (sections.isEmpty()) return original;
        for (int s = sections.size() - 1; s >= 0; s--) {
            deleteSection(sections.get(s));
        }
        String result = render();
        checkReadsBack(result, profileName, null);
        return result;
    }

    private void editSections(List<ProfileFileOutline.Section> sections, Map<String, String> set, Set<String> remove) {
        Map<String, List<ProfileFileOutline.Entry>> entriesByKey = new HashMap<>();
        for (ProfileFileOutline.Section section : sections) {
            for (ProfileFileOutline.Entry entry : section.entries()) {
                entriesByKey.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(entry);
            }
        }
        for (String key : remove) {
            entriesByKey.getOrDefault(key, List.of()).forEach(this::delete);
        }
        List<String> newLines = new ArrayList<>();
        set.forEach((key, value) -> {
            List<ProfileFileOutline.Entry> found = entriesByKey.getOrDefault(key, List.of());
            if (found.isEmpty()) {
                newLines.add(propertyLine(key, value));
                return;
            }
            ProfileFileOutline.Entry winner = found.get(found.size() - 1);
            found.subList(0, found.size() - 1).forEach(this::delete);
            if (!winner.value().equals(value)) {
                String keyLine = lines.get(winner.keyLine()).content();
                replacements[winner.keyLine()] = propertyLine(key, value) + inlineComment(keyLine);
                winner.continuationLines().forEach(line -> deleted[line] = true);
            }
        });
        if (!newLines.isEmpty()) {
            int after = sections.get(sections.size() - 1).lastLine();
            insertedAfter.computeIfAbsent(after, i -> new ArrayList<>()).addAll(newLines);
        }
    }

    private void appendSection(String profileName, Map<String, String> set) {
        if (!lines.isEmpty() && !TextLines.isBlank(lines.get(lines.size() - 1).content())) {
            appended.add("");
        }
        appended.add(outline.kind().profileHeader(profileName));
        set.forEach((key, value) -> appended.add(propertyLine(key, value)));
    }

    private void deleteSection(ProfileFileOutline.Section section) {
        for (int line = section.headerLine(); line <= section.lastLine(); line++) {
            deleted[line] = true;
        }
        int next = section.lastLine() + 1;
        while (next < lines.size() && (deleted[next] || TextLines.isBlank(lines.get(next).content()))) {
            deleted[next++] = true;
        }
        if (next == lines.size()) {
            // the section was last: the blank lines that separated it from the one before go too
            for (int before = section.headerLine() - 1; before >= 0 && TextLines.isBlank(lines.get(before).content()); before--) {
                deleted[before] = true;
            }
        }
    }

    private void delete(ProfileFileOutline.Entry entry) {
        deleted[entry.keyLine()] = true;
        entry.continuationLines().forEach(line -> deleted[line] = true);
    }

    private String render() {
        List<String> contents = new ArrayList<>();
        List<String> terminators = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!deleted[i]) {
                contents.add(replacements[i] != null ? replacements[i] : lines.get(i).content());
                terminators.add(lines.get(i).terminator());
            }
            for (String inserted : insertedAfter.getOrDefault(i, List.of())) {
                contents.add(inserted);
                terminators.add(newline);
            }
        }
        for (String line : appended) {
            contents.add(line);
            terminators.add(newline);
        }
        boolean missingFinalNewline = !lines.isEmpty() && lines.get(lines.size() - 1).terminator().isEmpty();
        StringBuilder text = new StringBuilder(byteOrderMark);
        for (int i = 0; i < contents.size(); i++) {
            boolean last = i == contents.size() - 1;
            String terminator = terminators.get(i).isEmpty() ? newline : terminators.get(i);
            text.append(contents.get(i)).append(last && missingFinalNewline ? "" : terminator);
        }
        return text.toString();
    }

    /** The profile's values after an update: as before, with {@code set} applied and {@code remove} gone. */
    private Map<String, String> expectedAfterUpdate(String profileName, Map<String, String> set, Set<String> remove) {
        Map<String, String> expected = valuesOf(ProfileFile.from(outline).profiles().get(profileName));
        expected.keySet().removeAll(remove);
        expected.putAll(set);
        return expected;
    }

    /** Re-reads the result: the edited profile must hold {@code expected} (null: be gone), all else unchanged. */
    private void checkReadsBack(String result, String profileName, Map<String, String> expected) {
        ProfileFile before = ProfileFile.from(outline);
        ProfileFile after = ProfileFile.parse(result, outline.path(), outline.kind());
        for (SectionType type : SectionType.values()) {
            Map<String, Map<String, String>> wanted = valuesBySection(before.sections(type));
            if (type == SectionType.PROFILE) {
                if (expected == null) wanted.remove(profileName);
                else wanted.put(profileName, expected);
            }
            if (!wanted.equals(valuesBySection(after.sections(type)))) {
                throw new CredentialsException(
                        "Refusing to write " + outline.path() + ": after the change to profile '" + profileName
                                + "' the file would not read back as intended",
                        "the file is unchanged; make this change by hand");
            }
        }
    }

    private static Map<String, Map<String, String>> valuesBySection(Map<String, Profile> sections) {
        Map<String, Map<String, String>> values = new HashMap<>();
        sections.forEach((name, profile) -> values.put(name, valuesOf(profile)));
        return values;
    }

    private static Map<String, String> valuesOf(Profile profile) {
        Map<String, String> values = new LinkedHashMap<>();
        if (profile != null) profile.properties().forEach((key, property) -> values.put(key, property.value()));
        return values;
    }

    /**
     * {@code key = value}; a value that starts with {@code #} or {@code ;} is written {@code key =#value}, since
     * after a space the reader would take it for a comment.
     */
    static String propertyLine(String key, String value) {
        if (value.isEmpty()) return key + " =";
        if (value.startsWith("#") || value.startsWith(";")) return key + " =" + value;
        return key + " = " + value;
    }

    private static String inlineComment(String propertyLine) {
        int start = ProfileFileParser.propertyCommentStart(propertyLine);
        while (start > 0 && start < propertyLine.length() && Character.isWhitespace(propertyLine.charAt(start - 1))) {
            start--; // keep the spacing the user chose before the comment
        }
        return propertyLine.substring(start);
    }
}
