package dev.stscreds.wire.sigv4;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SigV4 signing name and region an AWS endpoint's host name implies, for requests made by
 * hand: {@code sts.eu-west-1.amazonaws.com} → sts in eu-west-1,
 * {@code abc.execute-api.eu-west-1.amazonaws.com} → execute-api,
 * {@code search-d.eu-west-1.es.amazonaws.com} → es, {@code iam.amazonaws.com} → iam in us-east-1.
 *
 * <p>A guess, not the SDKs' endpoint rules: only {@code amazonaws.com} (and {@code .com.cn}) hosts
 * are read, a few endpoint prefixes whose signing name differs are mapped, and a global host of a
 * service not in the small table below has no region.
 */
public final class ServiceRegionGuess {
    /** What a host name implies: the signing name, and the region when the host shows one. */
    public record Guess(String service, Optional<String> region) {}

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d+");
    /** The legacy S3 endpoints that carry the region after a dash: {@code s3-eu-west-1}. */
    private static final Pattern S3_DASH_REGION = Pattern.compile("s3-(" + REGION.pattern() + ")");

    /** Endpoint prefixes whose signing name is another word. */
    private static final Map<String, String> SIGNING_NAMES = Map.of(
            "email", "ses",
            "iot.data", "iotdata",
            "iot.data-ats", "iotdata",
            "sagemaker.runtime", "sagemaker",
            "lex.runtime", "lex",
            "bedrock-runtime", "bedrock",
            "bedrock-agent-runtime", "bedrock");

    /** Global endpoints (no region in the host) and the region they sign for. */
    private static final Map<String, String> GLOBAL_REGIONS = Map.of(
            "iam", "us-east-1",
            "sts", "us-east-1",
            "s3", "us-east-1",
            "s3-external-1", "us-east-1",
            "route53", "us-east-1",
            "cloudfront", "us-east-1",
            "waf", "us-east-1",
            "budgets", "us-east-1",
            "globalaccelerator", "us-west-2",
            "networkmanager", "us-west-2");

    private ServiceRegionGuess() {}

    /** The guess for a host name (a port or a trailing dot is ignored); empty when the host is not an AWS one. */
    public static Optional<Guess> fromHost(String host) {
        if (host == null) return Optional.empty();
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon >= 0 && h.indexOf(':') == colon) h = h.substring(0, colon);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        String rest;
        if (h.endsWith(".amazonaws.com")) {
            rest = h.substring(0, h.length() - ".amazonaws.com".length());
        } else if (h.endsWith(".amazonaws.com.cn")) {
            rest = h.substring(0, h.length() - ".amazonaws.com.cn".length());
        } else {
            return Optional.empty();
        }
        if (rest.isEmpty()) return Optional.empty();
        String[] labels = rest.split("\\.");
        for (int i = labels.length - 1; i >= 0; i--) {
            if (REGION.matcher(labels[i]).matches()) return withRegion(labels, i);
            if (labels[i].equals("us-gov")) return serviceBefore(labels, i).map(s -> new Guess(s, Optional.of("us-gov-west-1")));
            Matcher s3 = S3_DASH_REGION.matcher(labels[i]);
            if (s3.matches()) return Optional.of(new Guess("s3", Optional.of(s3.group(1))));
        }
        return global(labels);
    }

    /** {@code …SERVICE.REGION} or, for a few services (es, aoss), {@code …REGION.SERVICE}. */
    private static Optional<Guess> withRegion(String[] labels, int regionAt) {
        Optional<String> region = Optional.of(labels[regionAt]);
        if (regionAt + 1 < labels.length) return Optional.of(new Guess(signingName(labels[regionAt + 1], null), region));
        return serviceBefore(labels, regionAt).map(service -> new Guess(service, region));
    }

    private static Optional<String> serviceBefore(String[] labels, int at) {
        int i = at - 1;
        while (i >= 0 && (labels[i].equals("dualstack") || labels[i].equals("fips"))) i--;
        if (i < 0) return Optional.empty();
        return Optional.of(signingName(labels[i], i > 0 ? labels[i - 1] : null));
    }

    private static Optional<Guess> global(String[] labels) {
        String last = labels[labels.length - 1];
        if (last.equals("s3-accelerate")) return Optional.of(new Guess("s3", Optional.empty()));
        String service = signingName(last, labels.length > 1 ? labels[labels.length - 2] : null);
        Optional<String> region = Optional.ofNullable(GLOBAL_REGIONS.get(last));
        if (last.startsWith("s3-")) service = "s3";
        return Optional.of(new Guess(service, region));
    }

    /** The signing name for an endpoint label (its {@code -fips} suffix dropped), given the label before it. */
    private static String signingName(String label, String before) {
        String name = label.endsWith("-fips") ? label.substring(0, label.length() - "-fips".length()) : label;
        if (before != null) {
            String twoLabels = SIGNING_NAMES.get(name + "." + before);
            if (twoLabels != null) return twoLabels;
        }
        return SIGNING_NAMES.getOrDefault(name, name);
    }
}
