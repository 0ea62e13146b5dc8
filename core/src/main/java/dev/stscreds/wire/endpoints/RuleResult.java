package dev.stscreds.wire.endpoints;

import java.util.Map;

/** What a rule set gives for one set of parameters: an endpoint, or the error the rules raise. */
public sealed interface RuleResult {
    /** An endpoint URL and its properties (such as {@code authSchemes} with a signing region). */
    record Endpoint(String url, Map<String, Object> properties) implements RuleResult {}

    /** The rules' own message, e.g. {@code FIPS is enabled but this partition does not support FIPS}. */
    record Error(String message) implements RuleResult {}
}
