package dev.stscreds.prompt;

import dev.stscreds.CredentialsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Asks on the controlling terminal ({@code /dev/tty}), never on stderr alone (tools that run
 * {@code credential_process} hide it); a secret is typed with echo off ({@code stty -echo}).
 */
final class TerminalPrompt implements PromptDriver {
    private final Path tty;

    TerminalPrompt(Path tty) {
        this.tty = tty;
    }

    @Override
    public String name() {
        return "terminal";
    }

    /** True when the terminal device can be opened for reading and writing. */
    boolean available() {
        try (InputStream in = Files.newInputStream(tty); OutputStream out = Files.newOutputStream(tty)) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public char[] ask(Question question) {
        if (!available()) {
            throw new InputNeededException("there is no terminal to ask on: " + question.text(), Prompts.NO_INPUT_HINT);
        }
        try (InputStream in = Files.newInputStream(tty); OutputStream out = Files.newOutputStream(tty)) {
            out.write((question.text() + ": ").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (question.secret()) echo(false);
            try {
                return readLine(in, question);
            } finally {
                if (question.secret()) {
                    echo(true);
                    out.write('\n');
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw new InputNeededException("could not ask on " + tty + ": " + question.text(), Prompts.NO_INPUT_HINT);
        }
    }

    private void echo(boolean on) throws IOException {
        Process stty = new ProcessBuilder("stty", on ? "echo" : "-echo").redirectInput(tty.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!stty.waitFor(5, TimeUnit.SECONDS)) stty.destroyForcibly();
        } catch (InterruptedException e) {
            stty.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (!on && (stty.isAlive() || stty.exitValue() != 0)) {
            throw new IOException("could not turn off echo to ask for a secret");
        }
    }

    private static char[] readLine(InputStream in, Question question) throws IOException {
        byte[] buffer = new byte[256];
        int length = 0;
        try {
            for (int c; (c = in.read()) != -1 && c != '\n'; ) {
                if (length == buffer.length) throw new CredentialsException("the answer is too long", "type the value asked for");
                buffer[length++] = (byte) c;
            }
            if (length > 0 && buffer[length - 1] == '\r') length--;
            if (length == 0) {
                throw new CredentialsException("no answer was typed: " + question.text(), "type the value asked for");
            }
            return new String(buffer, 0, length, StandardCharsets.UTF_8).toCharArray();
        } finally {
            Arrays.fill(buffer, (byte) 0);
        }
    }
}
