package dev.stscreds.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Test main: {@code FILE KIND PREFIX COUNT} sets COUNT distinct keys PREFIX_i of profile "shared", one update each. */
public final class EditorWorker {
    private EditorWorker() {}

    public static void main(String[] args) {
        ProfileFileEditor editor = ProfileFileEditor.of(Path.of(args[0]), ProfileFileKind.valueOf(args[1]));
        int count = Integer.parseInt(args[3]);
        for (int i = 0; i < count; i++) {
            editor.update("shared", Map.of(args[2] + "_" + i, "value-" + i), Set.of());
        }
    }
}
