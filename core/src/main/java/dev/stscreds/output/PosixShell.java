package dev.stscreds.output;

/**
 * Words for sh, dash, bash and zsh. A plain value is written bare, as the AWS CLI writes it;
 * anything else goes in single quotes, inside which these shells give every byte its literal
 * meaning, with each {@code '} written as {@code '\''}. Only NUL cannot be carried: no shell
 * variable can hold it.
 */
final class PosixShell {
    private PosixShell() {}

    static String word(String field, String value) {
        if (PlainText.isPlain(value)) return value;
        if (value.indexOf('\0') >= 0) throw new UnwritableValueException(field, "env", "a NUL character");
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
