package dev.stscreds.output;

import dev.stscreds.Credentials;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ways credentials are handed to other tools, named as {@code aws configure export-credentials
 * --format} names them (plus {@code json} and {@code ini}). Whatever a field holds,
 * the printed text only ever sets the intended variables or keys: each shell gets its own exact
 * quoting, and formats without quoting refuse what they cannot carry.
 */
public enum CredentialsFormat {
    /** The {@code credential_process} document: {@code {"Version":1,"AccessKeyId",...}}. */
    PROCESS("process", "credential-process"),
    /** {@code export NAME=value} for sh, bash and zsh. */
    ENV("env", "export"),
    /**
     * {@code NAME=value} lines, read by {@code eval}, by word splitting ({@code env $(stscreds env) cmd}),
     * and as a dotenv file (docker's {@code --env-file}). No quoting survives all three, so only
     * plain values are written and anything else is refused.
     */
    ENV_NO_EXPORT("env-no-export", "dotenv"),
    /** {@code set -gx NAME "value"} for fish. */
    FISH("fish"),
    /** {@code $Env:NAME="value"} for PowerShell. */
    POWERSHELL("powershell"),
    /** {@code set NAME=value} for cmd.exe. */
    WINDOWS_CMD("windows-cmd"),
    /** One JSON object of the variables. */
    JSON("json"),
    /** A {@code [profile]} section for a credentials file. */
    INI("ini");

    private final String name;
    private final List<String> aliases;

    CredentialsFormat(String name, String... aliases) {
        this.name = name;
        this.aliases = List.of(aliases);
    }

    /** The name used on the command line. */
    public String formatName() {
        return name;
    }

    /** Earlier names that still select this format. */
    public List<String> aliases() {
        return aliases;
    }

    /** The format with this name or alias. */
    public static Optional<CredentialsFormat> named(String text) {
        for (CredentialsFormat f : values()) {
            if (f.name.equals(text) || f.aliases.contains(text)) return Optional.of(f);
        }
        return Optional.empty();
    }

    /** The environment variables for these credentials, in a stable order. */
    public static Map<String, String> variables(Credentials c, Optional<String> region) {
        return CredentialFields.of(c, region).variables();
    }

    /** The text to print; it holds the secret, so it goes to stdout only. */
    public String render(Credentials c, Optional<String> region, String profile) {
        return render(CredentialFields.of(c, region), profile);
    }

    /**
     * The text for these fields, whatever they hold.
     *
     * @throws UnwritableValueException naming the field, when this format cannot carry its value
     */
    public String render(CredentialFields fields, String profile) {
        StringBuilder s = new StringBuilder(256);
        Map<String, String> vars = fields.variables();
        switch (this) {
            case PROCESS -> process(s, fields);
            case ENV -> vars.forEach((k, v) -> s.append("export ").append(k).append('=').append(PosixShell.word(k, v)).append('\n'));
            case ENV_NO_EXPORT -> vars.forEach((k, v) -> s.append(k).append('=').append(BareValue.value(k, v, name)).append('\n'));
            case FISH -> vars.forEach((k, v) -> s.append("set -gx ").append(k).append(' ').append(FishShell.word(k, v)).append('\n'));
            case POWERSHELL -> vars.forEach((k, v) -> s.append("$Env:").append(k).append('=').append(PowerShellText.literal(k, v)).append('\n'));
            case WINDOWS_CMD -> vars.forEach((k, v) -> s.append("set ").append(k).append('=').append(BareValue.value(k, v, name)).append('\n'));
            case JSON -> {
                s.append('{');
                vars.forEach((k, v) -> JsonText.string(JsonText.string(s.length() > 1 ? s.append(',') : s, k).append(':'), v));
                s.append("}\n");
            }
            case INI -> {
                s.append('[').append(IniText.sectionName(profile)).append("]\n");
                ini(s, "aws_access_key_id", fields.accessKeyId());
                ini(s, "aws_secret_access_key", fields.secretAccessKey());
                ini(s, "aws_session_token", fields.sessionToken());
                ini(s, "expiration", fields.expiration());
                ini(s, "region", fields.region());
            }
        }
        return s.toString();
    }

    private static void ini(StringBuilder s, String key, String value) {
        if (value != null) s.append(key).append(" = ").append(IniText.value(key, value)).append('\n');
    }

    private static void process(StringBuilder s, CredentialFields f) {
        s.append("{\"Version\":1");
        processField(s, "AccessKeyId", f.accessKeyId());
        processField(s, "SecretAccessKey", f.secretAccessKey());
        processField(s, "SessionToken", f.sessionToken());
        processField(s, "Expiration", f.expiration());
        processField(s, "AccountId", f.accountId());
        s.append("}\n");
    }

    private static void processField(StringBuilder s, String key, String value) {
        if (value != null) JsonText.string(JsonText.string(s.append(','), key).append(':'), value);
    }
}
