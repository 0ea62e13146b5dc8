package dev.stscreds.testkit.sts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects parameter constraint violations and reports them all at once, in AWS's words:
 * {@code 2 validation errors detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: …; …}.
 */
final class Validation {
    static final String NAME_PATTERN = "[\\w+=,.@-]*";

    private final List<String> problems = new ArrayList<>();

    Validation required(String value, String member) {
        if (value == null) problems.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        return this;
    }

    Validation length(String value, String member, int min, int max) {
        if (value == null) return this;
        if (value.length() < min) fail(value, member, "Member must have length greater than or equal to " + min);
        else if (value.length() > max) fail(value, member, "Member must have length less than or equal to " + max);
        return this;
    }

    Validation pattern(String value, String member, String regex) {
        if (value != null && !Pattern.matches(regex, value)) {
            fail(value, member, "Member must satisfy regular expression pattern: " + regex);
        }
        return this;
    }

    /** Parses an integer parameter and checks its bounds; returns {@code fallback} when absent or not a number. */
    int integer(String value, String member, int min, int max, int fallback) {
        if (value == null) return fallback;
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            fail(value, member, "Member must be a number");
            return fallback;
        }
        if (n < min) fail(value, member, "Member must have value greater than or equal to " + min);
        else if (n > max) fail(value, member, "Member must have value less than or equal to " + max);
        return n;
    }

    Validation count(List<?> list, String member, int max) {
        if (list.size() > max) fail(list.toString(), member, "Member must have length less than or equal to " + max);
        return this;
    }

    Validation oneOf(String value, String member, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            fail(value, member, "Member must satisfy enum value set: " + allowed);
        }
        return this;
    }

    /** Throws the {@code ValidationError} for everything collected, if anything was. */
    void check() {
        if (problems.isEmpty()) return;
        String head = problems.size() == 1 ? "1 validation error detected: " : problems.size() + " validation errors detected: ";
        throw AwsError.validation(head + String.join("; ", problems));
    }

    private void fail(String value, String member, String constraint) {
        problems.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint);
    }
}
