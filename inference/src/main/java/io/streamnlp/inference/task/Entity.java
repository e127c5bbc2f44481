package io.streamnlp.inference.task;

/**
 * A named entity.
 *
 * @param type entity type without the IOB prefix, e.g. {@code PERSON}
 * @param text the surface text, equal to {@code text.substring(start, end)} of the input
 * @param start start offset in UTF-16 units, inclusive
 * @param end end offset in UTF-16 units, exclusive
 * @param score mean probability of the entity's word labels
 */
public record Entity(String type, String text, int start, int end, float score) {}
