package dev.stscreds.output;

/**
 * The characters every output format can carry as they are: ASCII letters, digits and
 * {@code _ + / = . : -}. Every value stscreds accepts (key ids, secrets, session tokens, account
 * ids, times, regions) is made of these alone, so a real value is printed exactly as the AWS CLI
 * prints it; anything else is quoted for its shell, or refused where a format cannot quote it.
 */
final class PlainText {
    private PlainText() {}

    static boolean isPlain(String value) {
        if (value.isEmpty()) return false;
        for (int i = 0; i < value.length(); i++) {
            if (!isPlain(value.charAt(i))) return false;
        }
        return true;
    }

    static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '+' || c == '/' || c == '=' || c == '.' || c == ':' || c == '-';
    }
}
