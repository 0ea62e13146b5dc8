package dev.stscreds.cli;


/** The {@code stscreds} entry point. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(StscredsCommand.run(args, System.out, System.err));
    }
}
