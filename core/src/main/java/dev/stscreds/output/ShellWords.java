package dev.stscreds.output;

/**
 * One word of a command line that both {@code sh -c} (the AWS SDKs for Java, Go and JavaScript run
 * {@code credential_process} that way) and botocore's shell-like split ({@code shlex.split}) read
 * back as the same single word: as it is when it is plain, else in single quotes with each
 * {@code '} written as {@code '\''}.
 */
public final class ShellWords {
    private ShellWords() {}

    public static String word(String text) {
        if (text.indexOf('\0') >= 0) throw new IllegalArgumentException("a command word cannot hold NUL");
        // '=' is left out of the bare form: a first word like a=b would be a variable assignment.
        if (PlainText.isPlain(text) && text.indexOf('=') < 0) return text;
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
