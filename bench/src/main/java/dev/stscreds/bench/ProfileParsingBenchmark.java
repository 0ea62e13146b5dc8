package dev.stscreds.bench;

import dev.stscreds.config.ProfileFile;
import dev.stscreds.config.ProfileFileKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing a config file of 1,000 profiles: ours beside the AWS SDK for Java v2's {@code ProfileFile}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProfileParsingBenchmark {
    private static final Path PATH = Path.of("/bench/config");
    private final String text = thousandProfiles();
    private final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public Object stscredsParse() {
        return ProfileFile.parse(text, PATH, ProfileFileKind.CONFIG).profiles();
    }

    @Benchmark
    public Object sdkV2Parse() {
        return software.amazon.awssdk.profiles.ProfileFile.builder()
                .content(new ByteArrayInputStream(bytes))
                .type(software.amazon.awssdk.profiles.ProfileFile.Type.CONFIGURATION)
                .build()
                .profiles();
    }

    /** A realistic mix: roles with MFA, SSO profiles, comments, a sub-property section. */
    static String thousandProfiles() {
        StringBuilder s = new StringBuilder("# generated for the benchmark\n[default]\nregion = us-east-1\n\n");
        for (int i = 0; i < 1000; i++) {
            s.append("[profile p").append(i).append("]  ; team ").append(i % 17).append('\n');
            switch (i % 4) {
                case 0 -> s.append("role_arn = arn:aws:iam::123456789012:role/Role").append(i).append('\n')
                        .append("source_profile = default\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n");
                case 1 -> s.append("sso_session = corp\nsso_account_id = 1111222233").append(i % 10).append('\n')
                        .append("sso_role_name = Dev\n");
                case 2 -> s.append("credential_process = /usr/local/bin/stscreds credential-process --profile p")
                        .append(i).append('\n');
                default -> s.append("s3 =\n  max_concurrent_requests = 20\n  addressing_style = path\n");
            }
            s.append("region = eu-west-").append(1 + i % 3).append("  # home\noutput = json\n\n");
        }
        return s.toString();
    }
}
