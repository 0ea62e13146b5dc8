package dev.stscreds.prompt;

import dev.stscreds.CredentialsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A driver that runs a program and reads the answer from its standard output: {@code zenity},
 * {@code kdialog}, {@code osascript}, {@code ykman}, {@code pass}. The question goes in the program's
 * arguments (never the answer); a cancelled dialog or a failing program is an error naming it.
 */
final class ProgramPrompt implements PromptDriver {
    private static final int MAX_ANSWER_BYTES = 4096;

    private final String name;
    private final Function<Question, List<String>> command;
    private final Function<String, String> answerOf;
    private final Duration timeout;
    private final Map<String, String> environment;
    private final Notice notice;

    /** Something to tell the user before the program runs, e.g. "touch your YubiKey". */
    interface Notice {
        void show(String text);
    }

    ProgramPrompt(String name, Function<Question, List<String>> command, Function<String, String> answerOf, Duration timeout,
                  Map<String, String> environment, Notice notice) {
        this.name = name;
        this.command = command;
        this.answerOf = answerOf;
        this.timeout = timeout;
        this.environment = environment;
        this.notice = notice;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public char[] ask(Question question) {
        List<String> argv = new java.util.ArrayList<>(command.apply(question));
        // the program is looked up on the PATH of the settings, which may differ from this process's
        argv.set(0, locate(argv.get(0)).orElseThrow(() -> new InputNeededException(name + " could not be started to ask: "
                + question.text() + " (it is not on PATH)", "install " + name + ", or choose another way to ask with STSCREDS_PROMPT")));
        if (notice != null && name.equals("ykman")) notice.show("Touch your YubiKey if it flashes (" + question.text() + ")");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new InputNeededException(name + " could not be started to ask: " + question.text(),
                    "install " + name + ", or choose another way to ask with STSCREDS_PROMPT");
        }
        byte[] out = null;
        try {
            p.getOutputStream().close();
            out = readCapped(p.getInputStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new CredentialsException(name + " did not answer within " + timeout.toSeconds() + " s: " + question.text(),
                        "answer the " + name + " prompt, or pass the value another way");
            }
            if (p.exitValue() != 0) {
                throw new CredentialsException(name + " gave no answer (exit code " + p.exitValue() + "): " + question.text(),
                        "the prompt was cancelled or failed; try again, or choose another way with STSCREDS_PROMPT");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            String answer = answerOf.apply(text.strip());
            if (answer.isEmpty()) {
                throw new CredentialsException(name + " gave an empty answer: " + question.text(), "type the value asked for");
            }
            return answer.toCharArray();
        } catch (IOException e) {
            throw new CredentialsException("could not read the answer of " + name + ": " + e.getMessage(), "try again");
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CredentialsException("interrupted while " + name + " was asking", "try again");
        } finally {
            if (out != null) Arrays.fill(out, (byte) 0);
        }
    }

    private java.util.Optional<String> locate(String program) {
        String path = environment.getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            java.nio.file.Path candidate = java.nio.file.Path.of(dir.isEmpty() ? "." : dir, program);
            if (java.nio.file.Files.isExecutable(candidate) && !java.nio.file.Files.isDirectory(candidate)) {
                return java.util.Optional.of(candidate.toString());
            }
        }
        return java.util.Optional.empty();
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (out.size() + n > MAX_ANSWER_BYTES) throw new IOException("the answer is longer than " + MAX_ANSWER_BYTES + " bytes");
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
