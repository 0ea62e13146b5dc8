package dev.stscreds.cli;

import dev.stscreds.LongTermKeyStore;
import dev.stscreds.cli.command.AuthCommand;
import dev.stscreds.cli.command.ClearCommand;
import dev.stscreds.cli.command.ConsoleCommand;
import dev.stscreds.cli.command.SamlCommand;
import dev.stscreds.cli.command.VaultCommand;
import dev.stscreds.cli.command.CompletionCommand;
import dev.stscreds.cli.command.CredentialProcessCommand;
import dev.stscreds.cli.command.CurlCommand;
import dev.stscreds.cli.command.EnvCommand;
import dev.stscreds.cli.command.ExecCommand;
import dev.stscreds.cli.command.ExplainCommand;
import dev.stscreds.cli.command.ImportCommand;
import dev.stscreds.cli.command.InitCommand;
import dev.stscreds.cli.command.ListCommand;
import dev.stscreds.cli.command.LoginCommand;
import dev.stscreds.cli.command.PolicyCommand;
import dev.stscreds.cli.command.ReadCommand;
import dev.stscreds.cli.command.RemoveCommand;
import dev.stscreds.cli.command.RolesAnywhereCommand;
import dev.stscreds.cli.command.RotateCommand;
import dev.stscreds.cli.command.SandboxCommand;
import dev.stscreds.cli.command.ServeCommand;
import dev.stscreds.cli.command.SsoCommand;
import dev.stscreds.cli.command.WhoamiCommand;
import dev.stscreds.cli.render.Style;
import dev.stscreds.config.Settings;
import dev.stscreds.prompt.Prompts;
import dev.stscreds.resolve.ProfileContext;
import dev.stscreds.resolve.ResolveOptions;
import dev.stscreds.vault.KeyStores;
import dev.stscreds.vault.PassphraseSource;
import dev.stscreds.vault.VaultKeyStore;
import dev.stscreds.wire.NetworkActivity;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: global options and the list of subcommands. */
@Command(
        name = "stscreds",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Temporary AWS credentials made the easy path.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  credentials could not be found or resolved",
            "  2  invalid command line",
            "  3  a profile file or setting is malformed",
            " 22  curl: the server answered with a status outside 2xx (as curl --fail)",
            "%nExample:%n  stscreds explain --profile dev --resolve"
        })
public final class StscredsCommand implements Runnable {

    /** Every subcommand, in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(InitCommand.class, ImportCommand.class, AuthCommand.class,
            ExplainCommand.class, CredentialProcessCommand.class, EnvCommand.class, ReadCommand.class, ExecCommand.class,
            ServeCommand.class, CurlCommand.class, SsoCommand.class, SamlCommand.class, RolesAnywhereCommand.class, LoginCommand.class,
            ConsoleCommand.class, WhoamiCommand.class, ListCommand.class, RotateCommand.class, RemoveCommand.class, ClearCommand.class,
            PolicyCommand.class, SandboxCommand.class, VaultCommand.class,
            CompletionCommand.class, CommandLine.HelpCommand.class);

    /** Commands that look at all the others. */
    private static final Set<Class<?>> NEED_ALL = Set.of(CompletionCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Settings settings;
    private final Clock clock;
    private PrintStream stdout = System.out;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "On an error, print its causes and stack trace too (never a secret: messages hold none).")
    boolean debug;

    @CommandLine.Option(names = "--endpoint-url", paramLabel = "URL", scope = CommandLine.ScopeType.INHERIT,
            description = "Send STS calls to this endpoint (beats AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL and profile settings).")
    String endpointUrl;

    @CommandLine.Option(names = "--prompt", paramLabel = "HOW", scope = CommandLine.ScopeType.INHERIT,
            description = "How to ask for MFA codes, passphrases and PINs: terminal, zenity, kdialog, osascript, ykman, pass"
                    + " or none (beats STSCREDS_PROMPT; unset: the terminal, else a desktop dialog, else none).")
    String prompt;

    @CommandLine.Option(names = "--no-input", scope = CommandLine.ScopeType.INHERIT,
            description = "Never ask: when an answer is needed, fail at once with exit code 4 (as STSCREDS_NO_INPUT=true).")
    boolean noInput;

    @CommandLine.Option(names = "--region", paramLabel = "REGION", scope = CommandLine.ScopeType.INHERIT,
            description = "The region for STS calls and the credentials handed out (beats AWS_REGION, AWS_DEFAULT_REGION"
                    + " and the profile's region).")
    String region;

    private final Terminal terminal;
    private Spinner spinner;

    public StscredsCommand(Settings settings, Clock clock) {
        this(settings, clock, Terminal.NONE);
    }

    public StscredsCommand(Settings settings, Clock clock, Terminal terminal) {
        this.settings = settings;
        this.clock = clock;
        this.terminal = terminal;
    }

    /**
     * The process's settings (system properties, environment, home; injected by tests), with --prompt
     * and --no-input in the variables the library reads them from.
     */
    public Settings settings() {
        Map<String, String> given = new java.util.HashMap<>();
        if (prompt != null) given.put(Prompts.PROMPT_VARIABLE, prompt);
        if (noInput) given.put(Prompts.NO_INPUT_VARIABLE, "true");
        return given.isEmpty() ? settings : settings.withEnvironment(given);
    }

    public Clock clock() {
        return clock;
    }

    /** Standard output as bytes, for commands that pass data through unchanged (curl's answer body). */
    public PrintStream stdout() {
        return stdout;
    }

    private VaultKeyStore vault;

    /**
     * The vault, opened on first use only (a cached session never asks for a passphrase) and
     * closed when the command ends.
     */
    public synchronized LongTermKeyStore vault() {
        if (vault == null) vault = KeyStores.open(settings(), PassphraseSource.standard(settings()));
        return vault;
    }

    private synchronized void closeVault() {
        if (vault != null) vault.close();
    }

    /**
     * The profile a command that needs a name works on (init, import, remove, rotate, auth): the one
     * given, else AWS_PROFILE (or aws.profile), else {@code default}.
     */
    public String profileOrDefault(String given) {
        return context().select(given).profileName();
    }

    private ProfileContext context;

    /** The --region given anywhere on the command line, if any. */
    public Optional<String> region() {
        return Optional.ofNullable(region).filter(r -> !r.isBlank());
    }

    /**
     * The process's profile context: the profile files read once, --endpoint-url, --region, and the
     * vault (opened only when a key is needed). Commands add their own options with
     * {@link ProfileContext#withOptions}.
     */
    public synchronized ProfileContext context() {
        if (context == null) {
            ResolveOptions options = ResolveOptions.NONE.withEndpointUrl(endpointUrl).withKeyStore(this::vault);
            context = ProfileContext.create(settings(), clock, options).withRegion(region);
        }
        return context;
    }

    public boolean debug() {
        return debug;
    }

    /** The --endpoint-url given anywhere on the command line, if any. */
    public Optional<String> endpointUrl() {
        return Optional.ofNullable(endpointUrl);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What the process's streams are: colour and progress depend on it. */
    public Terminal terminal() {
        return terminal;
    }

    /** Colour for standard output, when it is a terminal that allows it. */
    public Style outStyle() {
        return Style.of(terminal.colourOnStdout());
    }

    /**
     * Stops the progress indicator for good: for commands that hand the terminal to another
     * program ({@code exec}) or run for long in the background.
     */
    public synchronized void stopProgress() {
        if (spinner != null) {
            NetworkActivity.stopListening();
            spinner.close();
            spinner = null;
        }
    }

    private synchronized void startProgress(PrintStream err) {
        if (terminal.stderrIsTty()) {
            spinner = Spinner.start(err);
            NetworkActivity.listen(spinner);
        }
    }

    /**
     * The subcommands to build for this command line. Picocli reads every annotation of every
     * command it is given (a quarter of a second of a process start); a command line that names
     * one command needs only that one. Help, completion, a bare {@code stscreds}, {@code --help}
     * or {@code --version} before the command, and a mistyped name get them all.
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        String name = commandName(args);
        if (name == null) return SUBCOMMANDS;
        for (Class<?> subcommand : SUBCOMMANDS) {
            Command command = subcommand.getAnnotation(Command.class);
            if (command.name().equals(name) || Arrays.asList(command.aliases()).contains(name)) {
                return NEED_ALL.contains(subcommand) ? SUBCOMMANDS : List.of(subcommand);
            }
        }
        return SUBCOMMANDS;
    }

    /** The first argument that is not an option of this command; null if none, or if help or version comes first. */
    private static String commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--endpoint-url") || arg.equals("--region") || arg.equals("--prompt")) {
                i++; // its value
            } else if (arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version")) {
                return null;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    /** Runs the command line against the real process settings and streams. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Settings settings = Settings.fromSystem();
        return run(args, settings, Clock.systemUTC(), Terminal.detect(settings), out, err);
    }

    /** Runs the command line with nothing a terminal and returns the exit code (used by tests). */
    public static int run(String[] args, Settings settings, Clock clock, PrintStream out, PrintStream err) {
        return run(args, settings, clock, Terminal.NONE, out, err);
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args, Settings settings, Clock clock, Terminal terminal, PrintStream out, PrintStream err) {
        StscredsCommand root = new StscredsCommand(settings, clock, terminal);
        root.stdout = out;
        CommandLine cl = commandLine(root, subcommandsFor(args));
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler(new ErrorHandler(Style.of(terminal.colourOnStderr())));
        cl.setParameterExceptionHandler(new UsageErrorHandler(Style.of(terminal.colourOnStderr())));
        if (terminal.colourOnStdout()) cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.ON));
        else cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        root.startProgress(err);
        try {
            return cl.execute(args);
        } finally {
            root.stopProgress();
            root.closeVault();
        }
    }

    /** The command model with these subcommands; examples are printed as written, never wrapped. */
    static CommandLine commandLine(StscredsCommand root, List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(root);
        // '@FILE' is data for curl's -d and --data-binary, not a file of arguments to expand
        cl.setExpandAtFiles(false);
        // Before the settings below: picocli passes them on only to subcommands it already has.
        for (Class<?> subcommand : subcommands) cl.addSubcommand(subcommand);
        keepExamplesWhole(cl);
        return cl;
    }

    /**
     * Picocli wraps the footer at the help width, which cuts an example command (a URL, a flag and
     * its value) onto two lines that no longer paste. The footers hold examples and exit codes
     * only: they are printed line by line as written.
     */
    private static void keepExamplesWhole(CommandLine cl) {
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
            StringBuilder text = new StringBuilder();
            for (String line : help.commandSpec().usageMessage().footer()) text.append(String.format(line)).append('\n');
            return text.toString();
        });
        for (CommandLine sub : cl.getSubcommands().values()) keepExamplesWhole(sub);
    }
}
