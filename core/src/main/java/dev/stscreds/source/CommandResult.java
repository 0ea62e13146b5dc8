package dev.stscreds.source;

/**
 * How one run of a command ended, with what it wrote.
 *
 * @param ending why the run is over
 * @param exitStatus the exit status when {@code ending} is {@link Ending#EXITED}, else -1
 * @param stdout what the command wrote on stdout, at most the output limit
 * @param stderrTail the last few KB the command wrote on stderr, decoded as UTF-8 and trimmed
 */
record CommandResult(Ending ending, int exitStatus, byte[] stdout, String stderrTail) {

    enum Ending {
        /** The command exited by itself. */
        EXITED,
        /** The command ran past its timeout and was killed, with everything it started. */
        TIMED_OUT,
        /** The command wrote more than the output limit on stdout and was killed. */
        OUTPUT_TOO_LARGE
    }
}
