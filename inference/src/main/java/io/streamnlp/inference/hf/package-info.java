/**
 * Hugging Face task models exported by Optimum, run on DJL with the ONNX Runtime engine and
 * post-processed as transformers does, so that results match Python number for number:
 * {@link io.streamnlp.inference.hf.HfSequenceClassifier} (text-classification pipeline),
 * {@link io.streamnlp.inference.hf.HfTokenClassifier} (token-classification pipeline, every
 * aggregation strategy) and {@link io.streamnlp.inference.hf.HfSeq2SeqGenerator} ({@code generate}
 * with greedy or beam search). {@link io.streamnlp.inference.hf.HfTasks} serves them to the
 * pipeline for bundle entries of {@code "kind": "hf"}.
 *
 * <p>Offsets are Java char (UTF-16) indices into the caller's text; transformers reports code point
 * indices, which are the same for text without characters outside the Basic Multilingual Plane.
 */
package io.streamnlp.inference.hf;
