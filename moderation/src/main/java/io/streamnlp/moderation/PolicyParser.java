package io.streamnlp.moderation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.streamnlp.bundle.Json;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads a policy document strictly: every error names its path ({@code $.tenants.acme.thresholds...}). */
final class PolicyParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    static final int MAX_KEY_CHARS = 128;
    private static final Set<String> TOP = Set.of("name", "version", "description", "audit_sample_rate", "tenants");
    private static final Set<String> TENANT = Set.of("thresholds", "blocklist", "review_below_confidence");

    private PolicyParser() {}

    static ModerationPolicy parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidPolicyException("$: not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPolicyException("$: must be a JSON object");
        }
        onlyKnown(root, "$", TOP);
        String name = text(required(root, "$", "name"), "$.name");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidPolicyException(
                    "$.name: must be 1-128 letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        JsonNode v = required(root, "$", "version");
        if (!v.canConvertToExactIntegral() || v.asLong() < 1) {
            throw new InvalidPolicyException("$.version: must be a whole number ≥ 1, got " + v);
        }
        double rate = 0;
        if (root.has("audit_sample_rate")) {
            rate = fraction(root.get("audit_sample_rate"), "$.audit_sample_rate");
        }
        if (root.has("description")) {
            text(root.get("description"), "$.description");
        }
        JsonNode tenantsNode = required(root, "$", "tenants");
        if (!tenantsNode.isObject()) {
            throw new InvalidPolicyException("$.tenants: must be an object of tenant sections");
        }
        if (!tenantsNode.has(ModerationPolicy.DEFAULT_TENANT)) {
            throw new InvalidPolicyException("$.tenants: must have a '" + ModerationPolicy.DEFAULT_TENANT
                    + "' section (it decides for every tenant not named; it may be empty)");
        }
        Map<String, TenantRules> tenants = new HashMap<>();
        for (Map.Entry<String, JsonNode> t : tenantsNode.properties()) {
            boundedName(t.getKey(), "$.tenants");
            tenants.put(t.getKey(), tenant(t.getKey(), t.getValue(), "$.tenants." + t.getKey()));
        }
        return new ModerationPolicy(name, v.asLong(), rate, tenants);
    }

    private static TenantRules tenant(String name, JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidPolicyException(
                    path + ": must be an object with 'thresholds', 'blocklist' and/or 'review_below_confidence'");
        }
        onlyKnown(node, path, TENANT);
        SortedMap<String, SortedMap<String, Map<ModerationAction, Double>>> thresholds = new TreeMap<>();
        JsonNode th = node.get("thresholds");
        if (th != null) {
            String thPath = path + ".thresholds";
            objectOf(th, thPath, "classification tasks");
            for (Map.Entry<String, JsonNode> task : th.properties()) {
                boundedName(task.getKey(), thPath);
                String taskPath = thPath + "." + task.getKey();
                objectOf(task.getValue(), taskPath, "labels");
                SortedMap<String, Map<ModerationAction, Double>> labels = new TreeMap<>();
                for (Map.Entry<String, JsonNode> label : task.getValue().properties()) {
                    boundedName(label.getKey(), taskPath);
                    labels.put(label.getKey(), actions(label.getValue(), taskPath + "." + label.getKey()));
                }
                thresholds.put(task.getKey(), labels);
            }
        }
        Blocklist blocklist = Blocklist.EMPTY;
        JsonNode bl = node.get("blocklist");
        if (bl != null) {
            if (!bl.isArray()) {
                throw new InvalidPolicyException(path + ".blocklist: must be an array of terms");
            }
            List<String> terms = new ArrayList<>();
            for (int i = 0; i < bl.size(); i++) {
                String term = text(bl.get(i), path + ".blocklist[" + i + "]").strip();
                if (term.isEmpty()) {
                    throw new InvalidPolicyException(path + ".blocklist[" + i + "]: must not be blank");
                }
                terms.add(term);
            }
            blocklist = new Blocklist(terms);
        }
        Map<String, Double> reviewBelow = new HashMap<>();
        JsonNode rb = node.get("review_below_confidence");
        if (rb != null) {
            String rbPath = path + ".review_below_confidence";
            objectOf(rb, rbPath, "classification tasks to confidences");
            for (Map.Entry<String, JsonNode> task : rb.properties()) {
                boundedName(task.getKey(), rbPath);
                reviewBelow.put(task.getKey(), fraction(task.getValue(), rbPath + "." + task.getKey()));
            }
        }
        return new TenantRules(name, thresholds, blocklist, Map.copyOf(reviewBelow));
    }

    /** {@code {"review": 0.6, "block": 0.9}}: the lowest score for each action; review may not exceed block. */
    private static Map<ModerationAction, Double> actions(JsonNode node, String path) {
        objectOf(node, path, "actions (review, block) to thresholds");
        if (node.isEmpty()) {
            throw new InvalidPolicyException(path + ": names no action; give 'review' and/or 'block' a threshold");
        }
        Map<ModerationAction, Double> out = new EnumMap<>(ModerationAction.class);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String p = path + "." + e.getKey();
            ModerationAction action = switch (e.getKey()) {
                case "review" -> ModerationAction.REVIEW;
                case "block" -> ModerationAction.BLOCK;
                case "allow" ->
                    throw new InvalidPolicyException(
                            p + ": 'allow' takes no threshold: a record no threshold reaches is allowed");
                default ->
                    throw new InvalidPolicyException(
                            p + ": unknown action '" + e.getKey() + "' (expected review or block)");
            };
            out.put(action, fraction(e.getValue(), p));
        }
        Double review = out.get(ModerationAction.REVIEW);
        Double block = out.get(ModerationAction.BLOCK);
        if (review != null && block != null && review > block) {
            throw new InvalidPolicyException(path + ": the review threshold (" + review
                    + ") is above the block threshold (" + block + "), so review could never apply");
        }
        return out;
    }

    /** Tenant, task and label names end up in a decision's rule, whose size {@link Decision#MAX_BYTES} bounds. */
    private static void boundedName(String name, String parentPath) {
        if (name.isEmpty() || name.length() > MAX_KEY_CHARS) {
            throw new InvalidPolicyException(
                    parentPath + ": a name must be 1-" + MAX_KEY_CHARS + " characters, got '" + name + "'");
        }
    }

    private static double fraction(JsonNode node, String path) {
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
            throw new InvalidPolicyException(path + ": must be a number from 0 to 1, got " + node);
        }
        return node.asDouble();
    }

    private static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw new InvalidPolicyException(path + ": must be a string, got " + node);
        }
        return node.asText();
    }

    private static JsonNode required(JsonNode node, String path, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidPolicyException(path + "." + field + ": is required");
        }
        return v;
    }

    private static void objectOf(JsonNode node, String path, String what) {
        if (!node.isObject()) {
            throw new InvalidPolicyException(path + ": must be an object of " + what + ", got " + node);
        }
    }

    private static void onlyKnown(JsonNode node, String path, Set<String> known) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String f = field.getKey();
            if (!known.contains(f)) {
                throw new InvalidPolicyException(
                        path + "." + f + ": unknown field (expected one of " + new TreeSet<>(known) + ")");
            }
        }
    }
}
