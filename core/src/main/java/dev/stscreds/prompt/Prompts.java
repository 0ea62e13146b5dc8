package dev.stscreds.prompt;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.mfa.MfaCodeSource;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks how to ask the user for an MFA code, a passphrase or a PIN.
 *
 * <p>{@code STSCREDS_PROMPT} (or {@code --prompt}) names a driver: {@code terminal}, {@code zenity},
 * {@code kdialog}, {@code osascript}, {@code ykman}, {@code pass} or {@code none}. Unset, the first that
 * can reach the user: the terminal ({@code /dev/tty}); else, with a desktop ({@code DISPLAY} or
 * {@code WAYLAND_DISPLAY}), {@code zenity} then {@code kdialog}; on macOS {@code osascript}; else none,
 * which fails at once ({@link InputNeededException}) instead of hanging the caller.
 * {@code STSCREDS_NO_INPUT=true} (or {@code --no-input}) is {@code none}.
 */
public final class Prompts {
    public static final String PROMPT_VARIABLE = "STSCREDS_PROMPT";
    public static final String NO_INPUT_VARIABLE = "STSCREDS_NO_INPUT";
    /** The OATH account {@code ykman} reads the code of; default: the MFA device's serial (ARN). */
    public static final String YKMAN_ACCOUNT_VARIABLE = "STSCREDS_YKMAN_ACCOUNT";
    /** The {@code pass} entry: {@code pass otp NAME} for MFA codes; default: the MFA device's serial. */
    public static final String PASS_OTP_VARIABLE = "STSCREDS_PASS_OTP_NAME";
    /** The {@code pass} entry whose first line is the vault passphrase ({@code pass show NAME}). */
    public static final String PASS_PASSPHRASE_VARIABLE = "STSCREDS_PASS_PASSPHRASE_NAME";
    public static final List<String> DRIVERS = List.of("terminal", "zenity", "kdialog", "osascript", "ykman", "pass", "none");

    static final String NO_INPUT_HINT = "run it from a terminal, pass the value up front (--mfa-token, mfa_process, "
            + "STSCREDS_VAULT_PASSPHRASE), or choose a prompt with STSCREDS_PROMPT=zenity|kdialog|osascript|ykman|pass";
    private static final Duration DIALOG_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration DEVICE_TIMEOUT = Duration.ofSeconds(30);

    private final Settings settings;
    private final Path tty;
    private final ProgramPrompt.Notice notice;

    private Prompts(Settings settings, Path tty, ProgramPrompt.Notice notice) {
        this.settings = settings;
        this.tty = tty;
        this.notice = notice;
    }

    public static Prompts forSettings(Settings settings) {
        return new Prompts(settings, Path.of("/dev/tty"), text -> System.err.println("stscreds: " + text));
    }

    /** For tests: another terminal device, notices to a list. */
    static Prompts forSettings(Settings settings, Path tty, ProgramPrompt.Notice notice) {
        return new Prompts(settings, tty, notice);
    }

    /** The driver settings choose (see the class comment). */
    public PromptDriver driver() {
        if (settings.environmentVariable(NO_INPUT_VARIABLE).filter(v -> v.trim().equalsIgnoreCase("true") || v.trim().equals("1"))
                .isPresent()) {
            return none("--no-input (STSCREDS_NO_INPUT) is set");
        }
        Optional<String> chosen = settings.environmentVariable(PROMPT_VARIABLE).map(v -> v.trim().toLowerCase(Locale.ROOT));
        if (chosen.isPresent()) return named(chosen.get());
        TerminalPrompt terminal = new TerminalPrompt(tty);
        if (terminal.available()) return terminal;
        boolean desktop = settings.environmentVariable("DISPLAY").isPresent()
                || settings.environmentVariable("WAYLAND_DISPLAY").isPresent();
        if (desktop && onPath("zenity")) return named("zenity");
        if (desktop && onPath("kdialog")) return named("kdialog");
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac") && onPath("osascript")) return named("osascript");
        return none("there is no terminal and no desktop dialog to ask with");
    }

    /** MFA codes from the chosen driver. */
    public MfaCodeSource mfaCodes() {
        return (serial, profile) -> {
            char[] answer = driver().ask(Question.mfaCode(serial, profile));
            try {
                return new String(answer).trim();
            } finally {
                Arrays.fill(answer, '\0');
            }
        };
    }

    /** A secret (passphrase, PIN) from the chosen driver; the caller wipes it. */
    public char[] secret(String purpose) {
        return driver().ask(Question.secret(purpose));
    }

    PromptDriver named(String name) {
        Map<String, String> env = settings.environment();
        switch (name) {
            case "terminal":
                return new TerminalPrompt(tty);
            case "zenity":
                return new ProgramPrompt(name, q -> q.secret()
                        ? List.of("zenity", "--entry", "--title=stscreds", "--text=" + q.text(), "--hide-text")
                        : List.of("zenity", "--entry", "--title=stscreds", "--text=" + q.text()), a -> a, DIALOG_TIMEOUT, env, notice);
            case "kdialog":
                return new ProgramPrompt(name, q -> List.of("kdialog", "--title", "stscreds", q.secret() ? "--password" : "--inputbox",
                        q.text()), a -> a, DIALOG_TIMEOUT, env, notice);
            case "osascript":
                return new ProgramPrompt(name, q -> List.of("osascript", "-e", "text returned of (display dialog \""
                        + appleScriptText(q.text()) + "\" default answer \"\"" + (q.secret() ? " with hidden answer" : "")
                        + " with title \"stscreds\")"), a -> a, DIALOG_TIMEOUT, env, notice);
            case "ykman":
                return new ProgramPrompt(name, q -> List.of("ykman", "oath", "accounts", "code", "--single",
                        settings.environmentVariable(YKMAN_ACCOUNT_VARIABLE).orElse(serialOf(q, "ykman"))),
                        Prompts::lastWord, DEVICE_TIMEOUT, env, notice);
            case "pass":
                return new ProgramPrompt(name, q -> q.mfaSerial().isPresent()
                        ? List.of("pass", "otp", settings.environmentVariable(PASS_OTP_VARIABLE).orElse(q.mfaSerial().get()))
                        : List.of("pass", "show", settings.environmentVariable(PASS_PASSPHRASE_VARIABLE).orElseThrow(() ->
                                new InputNeededException("pass can give this secret only from a named entry: " + q.text(),
                                        "set " + PASS_PASSPHRASE_VARIABLE + " to the pass entry that holds it"))),
                        a -> a.lines().findFirst().orElse(""), DEVICE_TIMEOUT, env, notice);
            case "none":
                return none(PROMPT_VARIABLE + " is none");
            default:
                throw new CredentialsException(PROMPT_VARIABLE + " is \"" + name + "\", which is not a way to ask",
                        "use one of " + String.join(", ", DRIVERS));
        }
    }

    private static String serialOf(Question q, String driver) {
        return q.mfaSerial().orElseThrow(() -> new InputNeededException(driver + " answers only MFA codes, not: " + q.text(),
                "set STSCREDS_PROMPT to terminal or a dialog for passphrases, or STSCREDS_VAULT_PASSPHRASE"));
    }

    private static PromptDriver none(String why) {
        return new PromptDriver() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public char[] ask(Question question) {
                throw new InputNeededException("an answer is needed (" + question.text() + ") but " + why, NO_INPUT_HINT);
            }
        };
    }

    /** ykman prints {@code ACCOUNT  CODE} in some versions and just the code in others. */
    private static String lastWord(String output) {
        String[] words = output.trim().split("\\s+");
        return words[words.length - 1];
    }

    private static String appleScriptText(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private boolean onPath(String program) {
        String path = settings.environmentVariable("PATH").orElse("/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
