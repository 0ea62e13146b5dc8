package dev.stscreds.cli.render;

/** ANSI colour for text bound for a terminal; plain text everywhere else. */
public final class Style {
    public static final Style PLAIN = new Style(false);
    public static final Style COLOUR = new Style(true);

    private final boolean enabled;

    private Style(boolean enabled) {
        this.enabled = enabled;
    }

    public static Style of(boolean colour) {
        return colour ? COLOUR : PLAIN;
    }

    public boolean enabled() {
        return enabled;
    }

    public String red(String text) {
        return wrap("31", text);
    }

    public String green(String text) {
        return wrap("32", text);
    }

    public String yellow(String text) {
        return wrap("33", text);
    }

    public String bold(String text) {
        return wrap("1", text);
    }

    public String dim(String text) {
        return wrap("2", text);
    }

    private String wrap(String code, String text) {
        return enabled && !text.isEmpty() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
