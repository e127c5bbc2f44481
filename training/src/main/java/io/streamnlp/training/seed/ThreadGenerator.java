package io.streamnlp.training.seed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Draws a ticket thread and its reference summary; each slot type has one value per thread. */
final class ThreadGenerator {
    private final SlotFillers fillers;

    ThreadGenerator(SlotFillers fillers) {
        this.fillers = fillers;
    }

    /** Returns {document, summary}. */
    String[] next(Random r) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String type : SlotFillers.ENTITY_TYPES) {
            values.put(type, fillers.fill(type, r));
        }
        ThreadScenarios.Scenario s = SlotFillers.pick(ThreadScenarios.SCENARIOS, r);
        List<String> sentences = List.of(
                SlotFillers.pick(ThreadScenarios.GREETINGS, r),
                SlotFillers.pick(ThreadScenarios.BACKGROUND, r),
                s.problem(),
                s.detail(),
                SlotFillers.pick(ThreadScenarios.AGENT_OPENERS, r),
                s.finding(),
                s.resolution(),
                SlotFillers.pick(ThreadScenarios.CLOSINGS, r));
        return new String[] {bind(String.join(" ", sentences), values), bind(s.summary(), values)};
    }

    private static String bind(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }
}
