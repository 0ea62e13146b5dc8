package dev.stscreds.vault;

import dev.stscreds.CredentialsException;
import java.io.Console;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Asks on the terminal with echo off. The JVM's {@link Console} is used when attached; when
 * standard input or output is redirected (e.g. {@code stscreds export | …}) the prompt goes to
 * {@code /dev/tty} instead, with echo turned off by {@code stty} for the time of the answer.
 */
final class TerminalPassphrase implements PassphraseSource {
    private static final String NO_TERMINAL_HINT = "no terminal to ask on: set " + ENVIRONMENT_VARIABLE
            + " to the vault passphrase (or use STSCREDS_VAULT=secret-service)";

    private final Console console;
    private final Path tty;

    /** @param console the JVM's console, or null when none is attached */
    TerminalPassphrase(Console console, Path tty) {
        this.console = console;
        this.tty = tty;
    }

    @Override
    public char[] passphrase(String purpose) {
        if (console != null) {
            char[] answer = console.readPassword("%s: ", purpose);
            if (answer == null) throw endOfInput(purpose);
            return answer;
        }
        return askOnTty(purpose);
    }

    private char[] askOnTty(String purpose) {
        try (FileInputStream in = new FileInputStream(tty.toFile());
                FileOutputStream out = new FileOutputStream(tty.toFile())) {
            out.write((purpose + ": ").getBytes(Charset.defaultCharset()));
            out.flush();
            setEcho(false);
            try {
                return readLine(new InputStreamReader(in, Charset.defaultCharset()), purpose);
            } finally {
                setEcho(true);
                newLine(out);
            }
        } catch (IOException e) {
            throw new CredentialsException(purpose + ": cannot ask on " + tty + " (" + e.getMessage() + ")",
                    NO_TERMINAL_HINT, e);
        }
    }

    /** Runs {@code stty [-]echo} on the terminal; refuses to ask with echo on. */
    private void setEcho(boolean on) throws IOException {
        Process stty = new ProcessBuilder("stty", on ? "echo" : "-echo")
                .redirectInput(tty.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!stty.waitFor(5, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                throw new IOException("stty did not finish");
            }
        } catch (InterruptedException e) {
            stty.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while turning terminal echo " + (on ? "on" : "off"));
        }
        if (stty.exitValue() != 0 && !on) {
            throw new IOException("could not turn off echo (stty exited with " + stty.exitValue() + ")");
        }
    }

    private static char[] readLine(Reader reader, String purpose) throws IOException {
        char[] buffer = new char[64];
        int length = 0;
        try {
            while (true) {
                int c = reader.read();
                if (c == -1) {
                    if (length == 0) throw endOfInput(purpose);
                    break;
                }
                if (c == '\n') break;
                if (length == buffer.length) {
                    char[] bigger = Arrays.copyOf(buffer, buffer.length * 2);
                    Arrays.fill(buffer, '\0');
                    buffer = bigger;
                }
                buffer[length++] = (char) c;
            }
            if (length > 0 && buffer[length - 1] == '\r') length--;
            return Arrays.copyOf(buffer, length);
        } finally {
            Arrays.fill(buffer, '\0');
        }
    }

    private static void newLine(OutputStream out) {
        try {
            out.write('\n');
            out.flush();
        } catch (IOException ignored) {
            // only cosmetic: the answer has been read
        }
    }

    private static CredentialsException endOfInput(String purpose) {
        return new CredentialsException(purpose + ": no answer (end of input)", NO_TERMINAL_HINT);
    }

    @Override
    public String toString() {
        return console != null ? "passphrase prompt on the console" : "passphrase prompt on " + tty;
    }
}
