package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A role's trust policy, read once when the role is created and evaluated for each assume call.
 *
 * <p>Understood: {@code Effect} Allow/Deny; {@code Action} as a string or list, with {@code *} and
 * {@code ?} wildcards; {@code Principal} {@code "*"} or an object with {@code AWS} (account id,
 * account root ARN, user, role or session ARN) and {@code Federated} (provider ARN); {@code Condition}
 * operators StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringLike, StringNotLike, Bool,
 * Null, each also with {@code IfExists}. Anything else is refused when the role is created, so a
 * test never passes by a condition being silently ignored. A request is allowed when an Allow
 * statement matches and no Deny statement does.
 */
final class TrustPolicy {
    private static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringLike", "StringNotLike", "Bool", "Null");

    /** Who asks: an AWS caller, a federated identity provider's ARN, or an AWS service principal (exactly one is set). */
    record Requester(Caller caller, String federatedProvider, String service) {
        Requester(Caller caller, String federatedProvider) {
            this(caller, federatedProvider, null);
        }

        static Requester service(String principal) {
            return new Requester(null, null, principal);
        }
    }

    private record Condition(String operator, boolean ifExists, String key, List<String> values) {}

    private record Statement(boolean allow, List<String> actions, boolean anyPrincipal, List<String> aws,
            List<String> federated, List<String> services, List<Condition> conditions) {}

    private final List<Statement> statements;

    private TrustPolicy(List<Statement> statements) {
        this.statements = statements;
    }

    /** Reads the policy; {@link IllegalArgumentException} says what is wrong or not supported. */
    static TrustPolicy parse(String json) {
        if (!(Json.parse(json) instanceof Map<?, ?> document)) throw new IllegalArgumentException("a policy must be a JSON object");
        Object raw = document.get("Statement");
        if (raw == null) throw new IllegalArgumentException("the policy has no Statement");
        List<Statement> statements = new ArrayList<>();
        for (Object s : listOf(raw)) {
            if (!(s instanceof Map<?, ?> statement)) throw new IllegalArgumentException("a Statement must be an object");
            statements.add(statement(statement));
        }
        return new TrustPolicy(List.copyOf(statements));
    }

    /** Whether the policy lets this requester perform {@code action} (e.g. {@code sts:AssumeRole}) given these condition keys. */
    boolean allows(Requester who, String action, Map<String, String> context) {
        Map<String, String> keys = lowerCaseKeys(context);
        boolean allowed = false;
        for (Statement s : statements) {
            if (!matches(s, who, action, keys)) continue;
            if (!s.allow()) return false;
            allowed = true;
        }
        return allowed;
    }

    private static Statement statement(Map<?, ?> s) {
        for (String unsupported : List.of("NotAction", "NotPrincipal", "NotResource")) {
            if (s.containsKey(unsupported)) throw new IllegalArgumentException(unsupported + " is not supported by the local STS");
        }
        Object effect = s.get("Effect");
        if (!"Allow".equals(effect) && !"Deny".equals(effect)) throw new IllegalArgumentException("Effect must be Allow or Deny, not " + effect);
        List<String> actions = strings(s.get("Action"), "Action");
        if (actions.isEmpty()) throw new IllegalArgumentException("a Statement needs an Action");
        Object principal = s.get("Principal");
        boolean anyPrincipal = "*".equals(principal);
        List<String> aws = List.of();
        List<String> federated = List.of();
        List<String> services = List.of();
        if (principal instanceof Map<?, ?> p) {
            for (Object type : p.keySet()) {
                if (!Set.of("AWS", "Federated", "Service").contains(type)) {
                    throw new IllegalArgumentException("Principal type " + type + " is not supported by the local STS");
                }
            }
            aws = strings(p.get("AWS"), "Principal AWS");
            federated = strings(p.get("Federated"), "Principal Federated");
            services = strings(p.get("Service"), "Principal Service");
        } else if (!anyPrincipal) {
            throw new IllegalArgumentException("a trust policy Statement needs a Principal");
        }
        return new Statement("Allow".equals(effect), actions, anyPrincipal, aws, federated, services,
                conditions(s.get("Condition")));
    }

    private static List<Condition> conditions(Object raw) {
        if (raw == null) return List.of();
        if (!(raw instanceof Map<?, ?> byOperator)) throw new IllegalArgumentException("Condition must be an object");
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<?, ?> op : byOperator.entrySet()) {
            String name = op.getKey().toString();
            boolean ifExists = name.endsWith("IfExists");
            String operator = ifExists ? name.substring(0, name.length() - "IfExists".length()) : name;
            if (!OPERATORS.contains(operator)) {
                throw new IllegalArgumentException("condition operator " + name + " is not supported by the local STS");
            }
            if (!(op.getValue() instanceof Map<?, ?> byKey)) throw new IllegalArgumentException(name + " must map keys to values");
            for (Map.Entry<?, ?> key : byKey.entrySet()) {
                conditions.add(new Condition(operator, ifExists, key.getKey().toString().toLowerCase(Locale.ROOT),
                        strings(key.getValue(), name + " " + key.getKey())));
            }
        }
        return List.copyOf(conditions);
    }

    private static boolean matches(Statement s, Requester who, String action, Map<String, String> keys) {
        return s.actions().stream().anyMatch(a -> glob(a, action, true))
                && principalMatches(s, who)
                && s.conditions().stream().allMatch(c -> holds(c, keys.get(c.key())));
    }

    private static boolean principalMatches(Statement s, Requester who) {
        if (s.anyPrincipal()) return true;
        if (who.federatedProvider() != null) return s.federated().contains(who.federatedProvider());
        if (who.service() != null) return s.services().contains(who.service());
        Caller c = who.caller();
        for (String p : s.aws()) {
            if (p.equals("*") || p.equals(c.account()) || p.equals("arn:aws:iam::" + c.account() + ":root")
                    || p.equals(c.arn()) || p.equals(c.roleArn())) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(Condition c, String value) {
        if (c.operator().equals("Null")) {
            return c.values().stream().anyMatch(v -> Boolean.parseBoolean(v) == (value == null));
        }
        if (value == null) return c.ifExists() || c.operator().startsWith("StringNot");
        switch (c.operator()) {
            case "StringEquals": return c.values().contains(value);
            case "StringNotEquals": return !c.values().contains(value);
            case "StringEqualsIgnoreCase": return c.values().stream().anyMatch(value::equalsIgnoreCase);
            case "StringLike": return c.values().stream().anyMatch(v -> glob(v, value, false));
            case "StringNotLike": return c.values().stream().noneMatch(v -> glob(v, value, false));
            case "Bool": return c.values().stream().anyMatch(value::equalsIgnoreCase);
            default: throw new IllegalStateException("unchecked operator " + c.operator());
        }
    }

    /** IAM wildcards: {@code *} any run of characters, {@code ?} one character. */
    private static boolean glob(String pattern, String text, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            if (ch == '*') regex.append(".*");
            else if (ch == '?') regex.append('.');
            else regex.append(Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(text).matches();
    }

    private static List<String> strings(Object raw, String what) {
        List<String> out = new ArrayList<>();
        for (Object o : listOf(raw)) {
            if (o instanceof String || o instanceof Boolean || o instanceof Number) out.add(o.toString());
            else throw new IllegalArgumentException(what + " must be a string or a list of strings");
        }
        return List.copyOf(out);
    }

    private static List<?> listOf(Object raw) {
        if (raw == null) return List.of();
        return raw instanceof List<?> list ? list : List.of(raw);
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> context) {
        Map<String, String> keys = new HashMap<>();
        context.forEach((k, v) -> keys.put(k.toLowerCase(Locale.ROOT), v));
        return keys;
    }
}
