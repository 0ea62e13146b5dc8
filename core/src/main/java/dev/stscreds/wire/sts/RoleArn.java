package dev.stscreds.wire.sts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An IAM role ARN as STS takes it: {@code arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME}.
 *
 * <p>The SDKs send {@code role_arn} to STS as written, so only what is no IAM role ARN at all is refused here
 * ({@link #parse}); every other oddity (a partition this project does not know, an account id that is not 12
 * digits, a region where IAM has none, characters IAM does not allow in a role name) is a warning
 * ({@link #warnings}) and STS has the last word.
 */
public final class RoleArn {
    /** The partitions of the AWS SDKs' partition tables. */
    public static final Set<String> PARTITIONS = Set.of(
            "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern ROLE_PATH = Pattern.compile("/([\\x21-\\x7e]*/)?");
    /** STS's limits on the RoleArn parameter. */
    private static final int MIN_LENGTH = 20;
    private static final int MAX_LENGTH = 2048;

    private final String text;
    private final String partition;
    private final String region;
    private final String account;
    private final String path;
    private final String name;

    private RoleArn(String text, String partition, String region, String account, String path, String name) {
        this.text = text;
        this.partition = partition;
        this.region = region;
        this.account = account;
        this.path = path;
        this.name = name;
    }

    /**
     * Reads a role ARN; empty when the text is no IAM role ARN at all (not six {@code :}-separated fields
     * starting {@code arn}, a service other than {@code iam}, no partition or account, a resource that is not
     * {@code role/NAME}).
     */
    public static Optional<RoleArn> parse(String text) {
        String[] fields = text.trim().split(":", 6);
        if (fields.length != 6 || !fields[0].equals("arn") || fields[1].isEmpty() || !fields[2].equals("iam")
                || fields[4].isEmpty() || !fields[5].startsWith("role/")) {
            return Optional.empty();
        }
        String resource = fields[5].substring("role".length());
        int lastSlash = resource.lastIndexOf('/');
        String name = resource.substring(lastSlash + 1);
        if (name.isEmpty()) return Optional.empty();
        return Optional.of(new RoleArn(text.trim(), fields[1], fields[3], fields[4], resource.substring(0, lastSlash + 1), name));
    }

    /** The account field of any ARN ({@code arn:P:S:R:ACCOUNT:...}), as botocore's ARN parser reads it. */
    public static Optional<String> accountField(String arn) {
        String[] fields = arn.split(":", 6);
        return fields.length == 6 && fields[0].equals("arn") && !fields[4].isEmpty() ? Optional.of(fields[4]) : Optional.empty();
    }

    /** What STS may refuse, or what looks like a typo, in words; empty for an ordinary role ARN. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (!PARTITIONS.contains(partition)) {
            warnings.add("partition '" + partition + "' is none of " + String.join(", ", PARTITIONS.stream().sorted().toList()));
        }
        if (!region.isEmpty()) warnings.add("IAM ARNs have no region, but this one names '" + region + "'");
        if (!ACCOUNT.matcher(account).matches()) warnings.add("account id '" + account + "' is not 12 digits");
        if (!ROLE_NAME.matcher(name).matches()) {
            warnings.add("role name '" + name + "' is not 1 to 64 of letters, digits and + = , . @ _ -");
        }
        if (!ROLE_PATH.matcher(path).matches()) warnings.add("role path '" + path + "' has characters IAM does not allow");
        if (text.length() < MIN_LENGTH || text.length() > MAX_LENGTH) {
            warnings.add("it is " + text.length() + " characters long; STS takes " + MIN_LENGTH + " to " + MAX_LENGTH);
        }
        return warnings;
    }

    public String partition() {
        return partition;
    }

    /** The account field as written (botocore takes it as the credentials' account, whatever its form). */
    public String account() {
        return account;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return text;
    }
}
