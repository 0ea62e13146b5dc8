package dev.stscreds.wire.endpoints;

import dev.stscreds.wire.JsonDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One service's endpoint rules, as the AWS SDKs ship them ({@code endpoint-rule-set-1.json}),
 * evaluated the SDKs' way: rules are tried in order; a rule applies when all its conditions hold
 * (a function result that is absent or false fails it, and {@code assign} names a result for the
 * rest); an applying rule gives an endpoint, an error, or the first applying rule of its tree.
 * Strings are templates: {@code {Region}}, {@code {PartitionResult#dnsSuffix}}.
 */
public final class RuleSet {
    private static final Map<String, RuleSet> SHIPPED = new ConcurrentHashMap<>();

    private final String service;
    private final Map<String, Object> parameters;
    private final List<Object> rules;
    private final RuleFunctions functions;

    @SuppressWarnings("unchecked")
    RuleSet(String service, JsonDocument doc, Partitions partitions) {
        this.service = service;
        this.parameters = (Map<String, Object>) doc.raw("parameters");
        this.rules = (List<Object>) doc.raw("rules");
        this.functions = new RuleFunctions(partitions);
    }

    /** The shipped rules of {@code sts}, {@code sso}, {@code sso-oidc}, {@code signin} or {@code rolesanywhere}. */
    public static RuleSet shipped(String service) {
        return SHIPPED.computeIfAbsent(service,
                s -> new RuleSet(s, RuleResources.read(s + ".json"), Partitions.shipped()));
    }

    public String service() {
        return service;
    }

    /** Evaluates the rules for these parameters ({@code Region}, {@code UseFIPS}, …); absent ones take their defaults. */
    @SuppressWarnings("unchecked")
    public RuleResult evaluate(Map<String, Object> given) {
        Map<String, Object> scope = new HashMap<>();
        for (Map.Entry<String, Object> p : parameters.entrySet()) {
            Map<String, Object> spec = (Map<String, Object>) p.getValue();
            Object value = given.get(p.getKey());
            if (value == null) value = spec.get("default");
            if (value != null) scope.put(p.getKey(), value);
        }
        RuleResult result = firstApplying(rules, scope);
        return result != null ? result : new RuleResult.Error("no endpoint rule of " + service + " applies");
    }

    @SuppressWarnings("unchecked")
    private RuleResult firstApplying(List<Object> list, Map<String, Object> scope) {
        for (Object o : list) {
            Map<String, Object> rule = (Map<String, Object>) o;
            Map<String, Object> local = new HashMap<>(scope);
            if (!conditionsHold((List<Object>) rule.getOrDefault("conditions", List.of()), local)) continue;
            switch ((String) rule.get("type")) {
                case "endpoint" -> {
                    Map<String, Object> endpoint = (Map<String, Object>) rule.get("endpoint");
                    Object properties = value(endpoint.getOrDefault("properties", Map.of()), local);
                    return new RuleResult.Endpoint((String) value(endpoint.get("url"), local), (Map<String, Object>) properties);
                }
                case "error" -> {
                    return new RuleResult.Error(String.valueOf(value(rule.get("error"), local)));
                }
                case "tree" -> {
                    RuleResult inner = firstApplying((List<Object>) rule.get("rules"), local);
                    return inner != null ? inner : new RuleResult.Error("no endpoint rule of " + service + " applies");
                }
                default -> throw new IllegalStateException("unknown endpoint rule type " + rule.get("type"));
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private boolean conditionsHold(List<Object> conditions, Map<String, Object> scope) {
        for (Object o : conditions) {
            Map<String, Object> condition = (Map<String, Object>) o;
            Object result = value(condition, scope);
            if (result == null || Boolean.FALSE.equals(result)) return false;
            if (condition.get("assign") instanceof String name) scope.put(name, result);
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private Object value(Object expression, Map<String, Object> scope) {
        if (expression instanceof String s) return template(s, scope);
        if (expression instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) out.add(value(item, scope));
            return out;
        }
        if (expression instanceof Map<?, ?> raw) {
            Map<String, Object> map = (Map<String, Object>) raw;
            if (map.containsKey("ref")) return scope.get((String) map.get("ref"));
            if (map.containsKey("fn")) {
                List<Object> args = new ArrayList<>();
                for (Object a : (List<Object>) map.get("argv")) args.add(value(a, scope));
                return functions.call((String) map.get("fn"), args);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, value(v, scope)));
            return out;
        }
        return expression; // booleans, numbers
    }

    /** {@code {Name}} and {@code {Name#path}} filled in; {@code {{} and {@code }}} stand for braces. */
    private static String template(String text, Map<String, Object> scope) {
        if (text.indexOf('{') < 0 && text.indexOf('}') < 0) return text;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                out.append('{');
                i++;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                out.append('}');
                i++;
            } else if (c == '{') {
                int close = text.indexOf('}', i);
                String key = text.substring(i + 1, close);
                int hash = key.indexOf('#');
                Object v = hash < 0 ? scope.get(key) : RuleFunctions.getAttr(scope.get(key.substring(0, hash)), key.substring(hash + 1));
                out.append(v);
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
