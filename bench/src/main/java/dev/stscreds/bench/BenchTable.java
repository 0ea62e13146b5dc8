package dev.stscreds.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints one table from a JMH JSON result file, and rows measured outside JMH (the refresh storm,
 * whole commands) given as tab-separated files: each figure of ours beside its reference,
 * measured in the same run, with the ratio (reference / ours: above 1 means we are faster or
 * make fewer calls).
 */
public final class BenchTable {

    /** A row: what is measured, our benchmark and the reference's (simple class.method names). */
    record Row(String what, String ours, String reference, String referenceName) {}

    static final List<Row> ROWS = List.of(
            new Row("warm resolve(), 1 thread", "RefreshWarmBenchmark.stscredsResolve",
                    "RefreshWarmBenchmark.sdkAssumeRoleProvider", "SDK v2 StsAssumeRole…Provider"),
            new Row("warm resolve(), 8 threads", "RefreshWarmBenchmark.stscredsResolve8Threads",
                    "RefreshWarmBenchmark.sdkAssumeRoleProvider8Threads", "SDK v2 StsAssumeRole…Provider"),
            new Row("SigV4 signing of an STS POST", "SigV4SigningBenchmark.stscredsSignStsPost",
                    "SigV4SigningBenchmark.sdkV2SignStsPost", "SDK v2 AwsV4HttpSigner"),
            new Row("parsing 1,000 profiles", "ProfileParsingBenchmark.stscredsParse",
                    "ProfileParsingBenchmark.sdkV2Parse", "SDK v2 ProfileFile"));

    private BenchTable() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: BenchTable JMH_RESULT.json [ROWS.tsv...]");
            System.exit(2);
        }
        Map<String, double[]> scores = read(Path.of(args[0]));
        String line = "%-46s %22s %22s  %-30s %7s%n";
        System.out.printf(Locale.ROOT, line, "figure", "stscreds", "reference", "reference is", "ratio");
        for (Row row : ROWS) {
            double[] ours = scores.get(row.ours());
            double[] reference = scores.get(row.reference());
            if (ours == null || reference == null) continue;
            System.out.printf(Locale.ROOT, line, row.what(), format(ours), format(reference), row.referenceName(),
                    String.format(Locale.ROOT, "%.2f×", reference[0] / ours[0]));
        }
        for (int i = 1; i < args.length; i++) {
            for (String tsv : Files.readAllLines(Path.of(args[i]))) {
                String[] f = tsv.split("\t");
                if (f.length == 5) System.out.printf(Locale.ROOT, line, f[0], f[1], f[2], f[3], f[4] + "×");
            }
        }
    }

    private static String format(double[] score) {
        return String.format(Locale.ROOT, "%.1f ±%.1f %s", score[0], score[1], unit(score[2]));
    }

    private static String unit(double code) {
        return code == 0 ? "ns" : code == 1 ? "µs" : "ms";
    }

    /** benchmark simple name → {score, error, unit code}. */
    private static Map<String, double[]> read(Path file) throws IOException {
        Map<String, double[]> scores = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) throw new IOException(file + " is not a JMH JSON result");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String benchmark = null;
                double score = Double.NaN;
                double error = Double.NaN;
                double unit = 0;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("benchmark")) {
                        benchmark = simpleName(p.getText());
                    } else if (field.equals("primaryMetric")) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String metric = p.currentName();
                            p.nextToken();
                            switch (metric) {
                                case "score" -> score = p.getDoubleValue();
                                case "scoreError" -> error = p.getValueAsDouble(Double.NaN);
                                case "scoreUnit" -> unit = p.getText().startsWith("us") ? 1 : p.getText().startsWith("ms") ? 2 : 0;
                                default -> p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                if (benchmark != null) scores.put(benchmark, new double[] {score, error, unit});
            }
        }
        return scores;
    }

    private static String simpleName(String fullName) {
        String[] parts = fullName.split("\\.");
        return parts[parts.length - 2] + "." + parts[parts.length - 1];
    }
}
