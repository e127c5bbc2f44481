package io.streamnlp.flink.inference;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.drift.DriftObserver;
import io.streamnlp.inference.encoder.TokenizedText;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.metrics.MetricGroup;

/**
 * Enriches batches with the served model: one encoder pass per batch for all tasks
 * ({@link BisectingInference}), each result mapped to its record ({@link EnrichedOutput}) and seen
 * by drift ({@link DriftObserver}).
 *
 * <p>One bad event costs one event: tokenizing, inference and output mapping fail per event
 * ({@link InferenceDeadLetters}), and an enriched record too large to write becomes an OUTPUT_TOO_LARGE
 * dead letter.
 */
public final class PipelineEnricher implements Enricher {
    private final String batchIdPrefix;
    private final InferenceMetrics metrics;
    private final InferenceDeadLetters deadLetters;
    private final EnrichedOutput output;
    private final DriftObserver drift;

    private volatile ServedModel model;
    private long batchSeq;

    public PipelineEnricher(JobConfig config, ServedModel model, int subtaskIndex, MetricGroup metrics) {
        this.batchIdPrefix =
                config.jobName() + "-" + subtaskIndex + "-" + Long.toHexString(System.currentTimeMillis()) + "-";
        this.metrics = new InferenceMetrics(metrics, () -> this.model);
        this.deadLetters = new InferenceDeadLetters(this.metrics);
        this.output = new EnrichedOutput(config);
        this.drift = new DriftObserver(config.drift(), metrics);
        serve(model);
    }

    @Override
    public ServedModel serve(ServedModel next) {
        ServedModel previous = this.model;
        output.serve(next.pipeline());
        this.model = next;
        return previous;
    }

    @Override
    public ServedModel model() {
        return model;
    }

    @Override
    public Admission admit(PendingEvent event) {
        try {
            return new Admission(model.pipeline().tokenize(event.event.getText()), null);
        } catch (RuntimeException e) {
            return new Admission(null, deadLetters.of(model, event, "tokenizing its text failed", e));
        }
    }

    @Override
    public Pass infer(List<QueuedEvent> batch) {
        Run run = new Run(model, batch);
        new BisectingInference(run.serving.pipeline(), run.serving.label()).run(run.texts(), run);
        return run;
    }

    @Override
    public Outcome complete(Pass pass) {
        return ((Run) pass).complete();
    }

    /**
     * One batch's pass through the model: the version serving it and what came out, by batch position. The listener
     * methods only collect (they run on the model's thread); {@link #complete} builds the records.
     */
    private final class Run implements BisectingInference.Listener, Pass {
        final ServedModel serving;
        final List<QueuedEvent> batch;
        final List<Succeeded> passes = new ArrayList<>();
        final List<Failed> modelFailures = new ArrayList<>();
        final List<DeadLetter> failed = new ArrayList<>();

        record Succeeded(int[] positions, List<NlpResult> results, long passNanos) {}

        record Failed(int position, Throwable cause) {}

        Run(ServedModel serving, List<QueuedEvent> batch) {
            this.serving = serving;
            this.batch = batch;
        }

        List<TokenizedText> texts() {
            List<TokenizedText> texts = new ArrayList<>(batch.size());
            batch.forEach(q -> texts.add(q.tokens()));
            return texts;
        }

        @Override
        public void succeeded(int[] positions, List<NlpResult> results, long passNanos) {
            passes.add(new Succeeded(positions, results, passNanos));
        }

        @Override
        public void failed(int position, Throwable cause) {
            modelFailures.add(new Failed(position, cause));
        }

        Outcome complete() {
            EnrichedEvent[] enriched = new EnrichedEvent[batch.size()];
            List<DriftReport> driftReports = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (Failed f : modelFailures) {
                failed.add(deadLetters.of(serving, batch.get(f.position()).pending(), "the model failed", f.cause()));
            }
            for (Succeeded pass : passes) {
                int longest = 0;
                for (int p : pass.positions()) {
                    longest = Math.max(longest, batch.get(p).tokens().tokenCount());
                }
                metrics.batchRan(pass.positions().length, longest, pass.passNanos());
                EnrichedEventMapper.BatchInfo info =
                        new EnrichedEventMapper.BatchInfo(batchIdPrefix + (batchSeq++), pass.positions().length);
                for (int k = 0; k < pass.positions().length; k++) {
                    emit(pass.positions()[k], pass.results().get(k), info, now, enriched);
                }
                driftReports.addAll(drift.observe(serving.ref(), serving.reference(), pass.results(), now));
            }
            return new Outcome(Arrays.asList(enriched), failed, driftReports);
        }

        /** Maps one result; a failure here, or an enriched record too large to write, costs only this event. */
        private void emit(
                int position,
                NlpResult result,
                EnrichedEventMapper.BatchInfo info,
                long now,
                EnrichedEvent[] enriched) {
            PendingEvent p = batch.get(position).pending();
            EnrichedOutput.Mapped mapped;
            try {
                mapped = output.map(p, result, serving.ref(), info, now);
            } catch (RuntimeException e) {
                failed.add(deadLetters.of(serving, p, "mapping the model's output failed", e));
                return;
            }
            if (mapped.tooLarge() != null) {
                failed.add(mapped.tooLarge());
                return;
            }
            enriched[position] = mapped.enriched();
            metrics.enriched(now - p.source.readAtMillis);
        }
    }

    @Override
    public void close() {
        ServedModel m = model;
        if (m != null) {
            m.close();
        }
    }
}
