package io.streamnlp.inference.hf;

/** How classification logits become scores, chosen from config.json as transformers' pipeline chooses. */
public enum ScoreFunction {
    SOFTMAX,
    SIGMOID,
    NONE;

    /** regression: raw; multi-label or a single output: sigmoid; otherwise softmax. */
    public static ScoreFunction forConfig(HfModelConfig config, int outputs) {
        HfModelConfig.ProblemType type = config.problemType().orElse(null);
        if (type == HfModelConfig.ProblemType.REGRESSION) {
            return NONE;
        }
        if (type == HfModelConfig.ProblemType.MULTI_LABEL_CLASSIFICATION || outputs == 1) {
            return SIGMOID;
        }
        return SOFTMAX;
    }

    public float[] apply(float[] logits) {
        float[] out = new float[logits.length];
        switch (this) {
            case SOFTMAX -> {
                float max = Float.NEGATIVE_INFINITY;
                for (float v : logits) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int i = 0; i < logits.length; i++) {
                    out[i] = (float) Math.exp(logits[i] - max);
                    sum += out[i];
                }
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) (out[i] / sum);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < logits.length; i++) {
                    out[i] = (float) (1.0 / (1.0 + Math.exp(-logits[i])));
                }
            }
            case NONE -> System.arraycopy(logits, 0, out, 0, logits.length);
        }
        return out;
    }
}
