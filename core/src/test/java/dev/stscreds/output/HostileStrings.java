package dev.stscreds.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Strings made to break out of a format: the quotes of every shell (Unicode ones too), escapes,
 * command substitutions, line and paragraph separators, NUL, ESC, and payloads that leave a mark
 * (a file named {@code pwned}, a variable {@code PWNED}) if anything runs.
 */
final class HostileStrings {
    static final String MARKER = "pwned";

    private static final String[] ATOMS = {
        "'", "\"", "\\", "`", "$", "$(", ")", "${", "}", "(", ";", "&", "&&", "|", "<", ">", "\n", "\r", "\r\n",
        "\t", " ", "\0", "\u001b", "\u001b[2J", "#", "%", "%PATH%", "!", "!PATH!", "^", "~", "*", "?", "[", "]", "{",
        ",", "=", "-", "--", "\u2018", "\u2019", "\u201a", "\u201b", "\u201c", "\u201d", "\u201e", "\u2028", "\u2029",
        "\u0085", "\u00a0", "\u00e9", "\ud83d\ude00", "\u007f", "\u0001", "\u000b", "\u000c", "a", "Z", "0", "/", "+",
        ".", ":", "_", "@",
        "touch pwned", "; touch pwned", "$(touch pwned)", "`touch pwned`", "'; touch pwned; '", "\"; touch pwned; \"",
        "\\'; touch pwned; echo \\'", "(touch pwned)", "\nexport PWNED=1\n", "'\nexport PWNED=1\n'", "; set -gx PWNED 1;",
        "'; set -gx PWNED 1; '", "$(New-Item pwned)", "'; New-Item pwned; '", "\u2019; New-Item pwned; \u2019",
        "& echo x > pwned", "%COMSPEC%", "\ncredential_process = touch pwned\n", "\\\n", "'\\''", "\\\"", "$'\\n'",
        "{touch,pwned}", "*pwned*",
    };

    private HostileStrings() {}

    /** The fixed payloads first, then {@code count} random joins of 1 to 8 atoms. */
    static List<String> generate(long seed, int count) {
        List<String> all = new ArrayList<>(List.of(ATOMS));
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            StringBuilder s = new StringBuilder();
            int atoms = 1 + random.nextInt(8);
            for (int j = 0; j < atoms; j++) s.append(ATOMS[random.nextInt(ATOMS.length)]);
            all.add(s.toString());
        }
        return all;
    }
}
