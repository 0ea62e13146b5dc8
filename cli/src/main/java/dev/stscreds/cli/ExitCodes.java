package dev.stscreds.cli;

/** The exit codes of every command; documented in {@code stscreds --help} and the README. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Credentials could not be found or resolved. */
    public static final int NO_CREDENTIALS = 1;
    /** Invalid command line (picocli's own code). */
    public static final int USAGE = 2;
    /** A profile file or setting is malformed. */
    public static final int BAD_CONFIGURATION = 3;
    /** An answer (MFA code, passphrase, PIN) was needed and nobody could be asked ({@code --no-input}, no terminal). */
    public static final int INPUT_NEEDED = 4;
    /** {@code stscreds curl}: the server answered with a status outside 2xx (curl's code for {@code --fail}). */
    public static final int HTTP_ERROR = 22;

    private ExitCodes() {}
}
