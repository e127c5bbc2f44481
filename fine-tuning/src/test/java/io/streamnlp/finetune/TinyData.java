package io.streamnlp.finetune;

import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.TaggedSentence;
import java.util.List;

/** A handful of support tickets and tagged sentences, written for these tests. */
public final class TinyData {

    public static final List<LabeledText> TRAIN = List.of(
            new LabeledText("I was charged twice for my subscription", "billing"),
            new LabeledText("Please refund the extra payment on my card", "billing"),
            new LabeledText("My invoice shows the wrong amount", "billing"),
            new LabeledText("Why did my bank card get declined at checkout", "billing"),
            new LabeledText("The parcel has not arrived after two weeks", "shipping"),
            new LabeledText("Tracking says delivered but the box is not here", "shipping"),
            new LabeledText("Can you ship my order to a different address", "shipping"),
            new LabeledText("The courier left the package at the wrong door", "shipping"));

    public static final List<LabeledText> DEV = List.of(
            new LabeledText("I need a refund for a duplicate charge", "billing"),
            new LabeledText("Where is my delivery, it is late", "shipping"));

    public static final List<TaggedSentence> TAGGED_TRAIN = List.of(
            tagged("Maria Keller called from Berlin", "B-person I-person O O B-location"),
            tagged("Ship it to Oslo for Jonas", "O O O B-location O B-person"),
            tagged("Zendrix support in Lisbon is closed", "B-corporation O O B-location O O"),
            tagged("Ask Priya about the Quorvex invoice", "O B-person O O B-corporation O"));

    public static final List<TaggedSentence> TAGGED_DEV = List.of(
            tagged("Jonas Keller flew to Lisbon", "B-person I-person O O B-location"),
            tagged("Quorvex billing moved to Oslo", "B-corporation O O O B-location"));

    private TinyData() {}

    private static TaggedSentence tagged(String text, String tags) {
        return new TaggedSentence(List.of(text.split(" ")), List.of(tags.split(" ")));
    }
}
