package dev.stscreds.wire.endpoints;

import dev.stscreds.wire.JsonDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The AWS partitions ({@code aws}, {@code aws-cn}, {@code aws-us-gov}, …) and what the endpoint
 * rules read from them: DNS suffixes, dual-stack suffix, FIPS and dual-stack support. Loaded from
 * the {@code partitions.json} that the SDKs share; the rules' {@code aws.partition} function.
 */
public final class Partitions {
    private record Partition(String id, Pattern regionRegex, Map<String, Object> regions, Map<String, Object> outputs) {}

    private static final Partitions SHIPPED = new Partitions(RuleResources.read("partitions.json"));
    private final List<Partition> partitions;

    @SuppressWarnings("unchecked")
    Partitions(JsonDocument doc) {
        this.partitions = ((List<Object>) doc.raw("partitions")).stream().map(o -> {
            Map<String, Object> p = (Map<String, Object>) o;
            return new Partition((String) p.get("id"), Pattern.compile((String) p.get("regionRegex")),
                    (Map<String, Object>) p.get("regions"), (Map<String, Object>) p.get("outputs"));
        }).toList();
    }

    /** The partitions that ship with stscreds. */
    public static Partitions shipped() {
        return SHIPPED;
    }

    /** Every region the partitions list by name, in file order. */
    public List<String> regions() {
        return partitions.stream().flatMap(p -> p.regions().keySet().stream()).toList();
    }

    /**
     * The partition of a region: the one that lists it, else the first whose pattern matches it,
     * else {@code aws}; its outputs, with the region's own overrides, and {@code name}.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> of(String region) {
        Partition found = null;
        for (Partition p : partitions) {
            if (p.regions().containsKey(region)) {
                found = p;
                break;
            }
        }
        if (found == null) {
            for (Partition p : partitions) {
                if (p.regionRegex().matcher(region).find()) {
                    found = p;
                    break;
                }
            }
        }
        if (found == null) found = partitions.stream().filter(p -> p.id().equals("aws")).findFirst().orElse(partitions.get(0));
        Map<String, Object> outputs = new LinkedHashMap<>(found.outputs());
        Object own = found.regions().get(region);
        if (own instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).forEach((k, v) -> {
                if (!k.equals("description")) outputs.put(k, v);
            });
        }
        outputs.putIfAbsent("name", found.id());
        return outputs;
    }
}
