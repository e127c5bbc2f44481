package io.streamnlp.finetune.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Dev examples in chunks of similar length, so that evaluation pads little; results map back by index. */
final class DevBatches {

    static final int SIZE = 64;

    private DevBatches() {}

    static List<int[]> byLength(int[] lengths) {
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(lengths[a], lengths[b]));
        List<int[]> chunks = new ArrayList<>();
        for (int start = 0; start < order.length; start += SIZE) {
            chunks.add(Arrays.stream(order, start, Math.min(order.length, start + SIZE))
                    .mapToInt(Integer::intValue)
                    .toArray());
        }
        return chunks;
    }
}
