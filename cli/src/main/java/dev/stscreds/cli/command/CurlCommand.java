package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.resolve.Networks;
import dev.stscreds.resolve.Regions;
import dev.stscreds.wire.http.CommandLineRequest;
import dev.stscreds.wire.http.RequestBody;
import dev.stscreds.wire.http.SignedHttpClient;
import dev.stscreds.wire.sigv4.HttpHeader;
import dev.stscreds.wire.sigv4.ServiceRegionGuess;
import dev.stscreds.wire.sigv4.SigV4Signer;
import dev.stscreds.wire.sigv4.SignedRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds curl URL}: one HTTP request signed with SigV4 by the profile's credentials. */
@Command(
        name = "curl",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Send one HTTP request signed with SigV4 by the profile's credentials; the answer's body goes to stdout unchanged.",
            "Service and region are read from *.amazonaws.com host names when not given; the region falls back to the "
                    + "profile's (AWS_REGION, AWS_DEFAULT_REGION, region =).",
            "A '+' in the query is a plus sign (sent as %%2B); write a space as %%20.",
            "An answer outside 2xx ends with exit code 22 and its status on stderr (the body still goes to stdout)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  stscreds curl -p dev -d 'Action=GetCallerIdentity&Version=2011-06-15' https://sts.eu-west-1.amazonaws.com/",
            "  stscreds curl -p dev -i https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items",
            "  stscreds curl -p dev -X PUT --data-binary @backup.tar https://bucket.s3.eu-west-1.amazonaws.com/backup.tar",
            "  stscreds curl -p dev --service myservice --region us-east-1 --sign-only https://internal.example/api"
        })
public final class CurlCommand implements Callable<Integer> {
    private static final String FORM = "application/x-www-form-urlencoded";

    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    @Option(names = "--service", paramLabel = "NAME", description = "The SigV4 service name (signing name), e.g. sts, s3, execute-api, es.")
    String service;

    @Option(names = "--region", paramLabel = "REGION", description = "The region to sign for.")
    String region;

    @Option(names = {"-X", "--request"}, paramLabel = "METHOD", description = "The HTTP method (default: GET, or POST when data is given).")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
            description = "A header to send and sign; repeat for more (same name again adds a value). 'NAME;' sends it empty.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-i", "--include"}, description = "Print the status line and the answer's headers before its body.")
    boolean include;

    @Option(names = "--sign-only", description = "Print the headers of the signed request, one 'Name: value' per line, and send nothing.")
    boolean signOnly;

    @Option(names = {"-m", "--max-time"}, paramLabel = "SECONDS", defaultValue = "300",
            description = "The longest the whole exchange may take, until the answer's last byte (default: ${DEFAULT-VALUE}).")
    long maxTimeSeconds;

    @Parameters(index = "0", paramLabel = "URL", description = "The http or https URL.")
    String url;

    private final List<CurlData> data = new ArrayList<>();

    @Option(names = {"-d", "--data"}, paramLabel = "DATA",
            description = "Body data as curl sends it: '@FILE' reads a file without its CR and LF; several are joined with '&'.")
    void data(List<String> values) {
        addLast(values, CurlData.Kind.TEXT);
    }

    @Option(names = "--data-binary", paramLabel = "DATA",
            description = "Body data sent exactly; '@FILE' is hashed and sent by streaming the file.")
    void dataBinary(List<String> values) {
        addLast(values, CurlData.Kind.BINARY);
    }

    @Option(names = "--data-raw", paramLabel = "DATA", description = "Like -d, but '@' has no special meaning.")
    void dataRaw(List<String> values) {
        addLast(values, CurlData.Kind.RAW);
    }

    /** picocli hands a repeated option's setter the whole list so far: the last value is the new one. */
    private void addLast(List<String> values, CurlData.Kind kind) {
        if (!values.isEmpty()) data.add(new CurlData(kind, values.get(values.size() - 1)));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        RequestBody body = CurlData.body(data, this::usage);
        CommandLineRequest request = request(body);
        ServiceRegionGuess.Guess scope = scope(request);
        SigV4Signer signer = SigV4Signer.forService(scope.service(), scope.region().orElseThrow());
        SignedRequest signed = request.sign(signer, profile.resolve(root), root.clock().instant());
        PrintStream out = root.stdout();
        if (signOnly) {
            for (String line : CommandLineRequest.headerLines(signed)) out.print(line + "\n");
            out.flush();
            return ExitCodes.OK;
        }
        SignedHttpClient client = new SignedHttpClient(Duration.ofSeconds(10), Duration.ofSeconds(Math.max(1, maxTimeSeconds)),
                Networks.forProfile(root.settings(), Optional.of(profile.profile(root))));
        SignedHttpClient.Response sent;
        try {
            sent = client.send(signed, body);
        } catch (IllegalArgumentException e) {
            throw usage("cannot send " + signed.method() + " " + signed.uri() + ": " + e.getMessage());
        }
        try (SignedHttpClient.Response answer = sent) {
            if (include) out.write(head(answer).getBytes(StandardCharsets.UTF_8));
            answer.body().transferTo(out);
            out.flush();
            if (answer.isSuccess()) return ExitCodes.OK;
            spec.commandLine().getErr().println("stscreds: " + signed.method() + " " + signed.uri() + " answered " + answer.status());
            return ExitCodes.HTTP_ERROR;
        }
    }

    private CommandLineRequest request(RequestBody body) {
        String chosen = method != null ? method : body.isPresent() ? "POST" : "GET";
        CommandLineRequest request;
        try {
            request = CommandLineRequest.of(chosen, url, headers, body);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (body.isPresent() && !request.hasHeader("Content-Type")) {
            List<String> withType = new ArrayList<>(headers);
            withType.add("Content-Type: " + FORM); // what curl sends with -d and --data-binary
            request = CommandLineRequest.of(chosen, url, withType, body);
        }
        return request;
    }

    /** --service and --region first, then the host name, then the profile's region. */
    private ServiceRegionGuess.Guess scope(CommandLineRequest request) {
        String host = request.uri().getHost();
        Optional<ServiceRegionGuess.Guess> guess = ServiceRegionGuess.fromHost(host);
        String s = service != null ? service : guess.map(ServiceRegionGuess.Guess::service).orElse(null);
        if (s == null) {
            throw usage("cannot tell which service " + host + " is: pass --service NAME (and --region REGION) "
                    + "to sign for it");
        }
        Optional<String> r = Optional.ofNullable(region).or(() -> guess.flatMap(ServiceRegionGuess.Guess::region))
                .or(() -> Regions.forProfile(root.settings(), profile.profile(root)));
        if (r.isEmpty()) {
            throw usage("cannot tell which region to sign for at " + host + ": pass --region REGION, "
                    + "or set AWS_REGION or region = in profile " + profile.profile(root));
        }
        try {
            SigV4Signer.builder(s, r.get());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return new ServiceRegionGuess.Guess(s, r);
    }

    private static String head(SignedHttpClient.Response answer) {
        StringBuilder head = new StringBuilder(answer.version()).append(' ').append(answer.status()).append("\r\n");
        for (HttpHeader h : answer.headers()) head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        return head.append("\r\n").toString();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
