package io.streamnlp.server;

import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.registry.ModelVersion;

/**
 * What the inference thread computed for one text: the result, the version that computed it and the batch it
 * rode in; {@code hasEntities} says whether the model has an NER task.
 */
record Enrichment(NlpResult result, ModelVersion model, boolean hasEntities, String batchId, int batchSize) {}
