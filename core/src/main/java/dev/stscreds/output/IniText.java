package dev.stscreds.output;

/**
 * Values and section names for the shared credentials file. INI has no quoting: a line break
 * would start a new line in the section (say a {@code credential_process} that runs later),
 * readers strip spaces and cut {@code " #"} comments, and some split lines at Unicode separators.
 * So a value must be printable ASCII without spaces, and a profile name must not close or open a
 * section or break the line.
 */
final class IniText {
    private IniText() {}

    static String value(String field, String value) {
        if (value.isEmpty()) throw new UnwritableValueException(field, "ini", "nothing");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new UnwritableValueException(field, "ini", "a space, a line break or a character outside printable ASCII");
            }
        }
        return value;
    }

    static String sectionName(String profile) {
        boolean ok = !profile.isEmpty() && profile.charAt(0) != ' ' && profile.charAt(profile.length() - 1) != ' ';
        for (int i = 0; ok && i < profile.length(); i++) {
            char c = profile.charAt(i);
            ok = c >= ' ' && c <= '~' && c != '[' && c != ']';
        }
        if (!ok) {
            throw new UnwritableValueException("the profile name", "ini",
                    "a bracket, a line break, an edge space or a character outside printable ASCII");
        }
        return profile;
    }
}
