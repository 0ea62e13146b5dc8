package dev.stscreds.files;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Starts a main class of this module's classes or test classes in a second JVM, to test cross-process locking. */
public final class ChildJvm {
    private ChildJvm() {}

    public static Process start(Class<?> mainClass, String... args) throws IOException {
        Set<String> classpath = new LinkedHashSet<>();
        classpath.add(locationOf(mainClass));
        classpath.add(locationOf(FileLock.class));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
