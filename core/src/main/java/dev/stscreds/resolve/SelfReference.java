package dev.stscreds.resolve;

import java.util.Arrays;
import java.util.List;

/** Recognises a {@code credential_process} line that asks stscreds for the profile it sits in. */
public final class SelfReference {
    private SelfReference() {}

    /**
     * True for {@code stscreds credential-process --profile NAME} (any path to stscreds, {@code -p}
     * or {@code --profile=}, other options anywhere) when NAME is {@code profile}.
     */
    public static boolean asksStscredsFor(String command, String profile) {
        List<String> words = Arrays.asList(command.trim().split("\\s+"));
        if (words.size() < 2 || !unquote(words.get(0)).trim().endsWith("stscreds")
                || !words.contains("credential-process")) {
            return false;
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if ((w.equals("--profile") || w.equals("-p")) && i + 1 < words.size()) {
                return unquote(words.get(i + 1)).equals(profile);
            }
            if (w.startsWith("--profile=")) return unquote(w.substring("--profile=".length())).equals(profile);
        }
        return false;
    }

    private static String unquote(String w) {
        return w.length() >= 2 && (w.startsWith("'") && w.endsWith("'") || w.startsWith("\"") && w.endsWith("\""))
                ? w.substring(1, w.length() - 1) : w;
    }
}
