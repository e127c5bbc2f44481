package io.streamnlp.training.job;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import java.util.regex.Pattern;

/** Which classification task a training run trains, head-only or fine-tuned: the same rules for both. */
public final class ClassificationTaskName {

    private static final Pattern TASK_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final String DEFAULT = "classification";

    private ClassificationTaskName() {}

    /**
     * {@code head} when given; else the parent's only classification task; else the model name when it
     * is a valid task name; else {@value #DEFAULT}.
     *
     * @param parent the model's champion bundle, or null for a new model
     * @throws IllegalArgumentException if {@code head} is not a valid task name, or it is missing and the
     *     parent has several classification tasks
     */
    public static String of(String head, String model, BundleManifest parent) {
        if (head != null) {
            if (!TASK_NAME.matcher(head).matches()) {
                throw new IllegalArgumentException("invalid head name '" + head + "': use " + TASK_NAME.pattern());
            }
            return head;
        }
        if (parent != null && parent.classification().size() == 1) {
            return parent.classification().get(0).task();
        }
        if (parent != null && parent.classification().size() > 1) {
            throw new IllegalArgumentException("model '" + model + "' has classification tasks "
                    + parent.classification().stream()
                            .map(ClassificationSpec::task)
                            .toList() + "; choose one with --head");
        }
        return TASK_NAME.matcher(model).matches() ? model : DEFAULT;
    }
}
