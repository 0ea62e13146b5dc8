package dev.stscreds.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stscreds.Credentials;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ways credentials are handed to other tools: shell variables for each shell, JSON, an INI
 * profile, and the {@code credential_process} document of SPEC §4.
 */
public enum CredentialsFormat {
    /** {@code NAME=value} lines, for {@code env $(...)} and dotenv files. */
    ENV,
    /** {@code export NAME='value'} for sh, bash and zsh. */
    EXPORT,
    /** {@code set -gx NAME 'value'} for fish. */
    FISH,
    /** {@code $env:NAME = 'value'} for PowerShell. */
    POWERSHELL,
    /** One JSON object of the variables. */
    JSON,
    /** A {@code [profile]} section for a credentials file. */
    INI,
    /** The {@code credential_process} output: {@code {"Version": 1, "AccessKeyId", ...}}. */
    CREDENTIAL_PROCESS;

    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    public static CredentialsFormat parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The environment variables for these credentials, in a stable order. */
    public static Map<String, String> variables(Credentials c, Optional<String> region) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("AWS_ACCESS_KEY_ID", c.accessKeyId());
        v.put("AWS_SECRET_ACCESS_KEY", c.secretAccessKey());
        c.sessionToken().ifPresent(t -> v.put("AWS_SESSION_TOKEN", t));
        c.expiration().ifPresent(e -> v.put("AWS_CREDENTIAL_EXPIRATION", DateTimeFormatter.ISO_INSTANT.format(e)));
        region.ifPresent(r -> {
            v.put("AWS_REGION", r);
            v.put("AWS_DEFAULT_REGION", r);
        });
        return v;
    }

    /** The text to print; it holds the secret, so it goes to stdout only. */
    public String render(Credentials c, Optional<String> region, String profile) {
        Map<String, String> vars = variables(c, region);
        StringBuilder s = new StringBuilder();
        switch (this) {
            case ENV -> vars.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
            case EXPORT -> vars.forEach((k, v) -> s.append("export ").append(k).append('=').append(shQuote(v)).append('\n'));
            case FISH -> vars.forEach((k, v) -> s.append("set -gx ").append(k).append(' ').append(shQuote(v)).append(";\n"));
            case POWERSHELL -> vars.forEach((k, v) -> s.append("$env:").append(k).append(" = '")
                    .append(v.replace("'", "''")).append("'\n"));
            case JSON -> s.append(json(vars)).append('\n');
            case INI -> {
                s.append('[').append(profile).append("]\n");
                s.append("aws_access_key_id = ").append(c.accessKeyId()).append('\n');
                s.append("aws_secret_access_key = ").append(c.secretAccessKey()).append('\n');
                c.sessionToken().ifPresent(t -> s.append("aws_session_token = ").append(t).append('\n'));
                c.expiration().ifPresent(e -> s.append("expiration = ").append(DateTimeFormatter.ISO_INSTANT.format(e)).append('\n'));
                region.ifPresent(r -> s.append("region = ").append(r).append('\n'));
            }
            case CREDENTIAL_PROCESS -> s.append(credentialProcess(c)).append('\n');
        }
        return s.toString();
    }

    private static String credentialProcess(Credentials c) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("Version", 1);
            g.writeStringField("AccessKeyId", c.accessKeyId());
            g.writeStringField("SecretAccessKey", c.secretAccessKey());
            if (c.sessionToken().isPresent()) g.writeStringField("SessionToken", c.sessionToken().get());
            if (c.expiration().isPresent()) g.writeStringField("Expiration", DateTimeFormatter.ISO_INSTANT.format(c.expiration().get()));
            if (c.accountId().isPresent()) g.writeStringField("AccountId", c.accountId().get());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String json(Map<String, String> vars) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : vars.entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Single-quoted for POSIX shells and fish: {@code '} becomes {@code '\''}. */
    static String shQuote(String v) {
        return "'" + v.replace("'", "'\\''") + "'";
    }
}
