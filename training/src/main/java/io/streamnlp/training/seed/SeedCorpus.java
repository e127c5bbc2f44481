package io.streamnlp.training.seed;

import io.streamnlp.training.data.ClassificationTsv;
import io.streamnlp.training.data.Conll;
import io.streamnlp.training.data.DatasetFormatException;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.SummarizationJsonl;
import io.streamnlp.training.data.SummaryPair;
import io.streamnlp.training.data.TaggedSentence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The labelled seed data the project writes itself: support tickets (category, sentiment, urgency),
 * moderation examples ({@code neither}/{@code offensive_language}), ticket entities in IOB2 and ticket threads with
 * summaries. Generated from templates and slot fillers with a fixed seed, so that the files shipped in
 * the jar ({@link #bundled()}) are exactly {@code generate(DEFAULT_SEED)}; regenerate them with
 * {@code main(dir)} after changing a template.
 */
public final class SeedCorpus {
    public static final long DEFAULT_SEED = 20261126L;
    public static final List<String> CLASSIFICATION_TASKS = List.of("category", "sentiment", "urgency", "moderation");
    public static final List<String> ENTITY_TYPES = SlotFillers.ENTITY_TYPES;

    static final String RESOURCE_DIR = "/io/streamnlp/training/seed/";
    /*
     * The first examples of each dataset are its train split, the rest its dev split. The ticket and moderation
     * dev splits are large because a precision's quality change is a paired difference: 5-7% of these texts change
     * label between fp32 and int8, so on 1,200 texts the change has a standard error of 0.65 points, too coarse for
     * the one-point rule that picks the CPU's default precision; on 10,000 it is about 0.25 (docs/inference.md).
     */
    private static final int TICKETS_TRAIN = 480;
    private static final int TICKETS = TICKETS_TRAIN + 10_000;
    /** 2,000 rather than 400: the shipped moderation head then reads the template insults the same at int8. */
    private static final int MODERATION_TRAIN = 2_000;

    private static final int MODERATION = MODERATION_TRAIN + 5_000;
    private static final int NER_TRAIN = 400;
    private static final int NER_TICKETS = NER_TRAIN + 100;
    private static final int THREADS = 40;

    private final Map<String, List<LabeledText>> classification;
    private final List<TaggedSentence> entities;
    private final List<SummaryPair> summaries;

    private SeedCorpus(
            Map<String, List<LabeledText>> classification, List<TaggedSentence> entities, List<SummaryPair> summaries) {
        this.classification = classification;
        this.entities = entities;
        this.summaries = summaries;
    }

    public static SeedCorpus generate(long seed) {
        SlotFillers fillers = new SlotFillers();
        TemplateExpander expander = new TemplateExpander(fillers);
        Typos typos = new Typos(0.03, 0.1);
        TicketGenerator tickets = new TicketGenerator(expander, typos);

        Map<String, List<LabeledText>> classification = new LinkedHashMap<>();
        List<LabeledText> category = new ArrayList<>();
        List<LabeledText> sentiment = new ArrayList<>();
        List<LabeledText> urgency = new ArrayList<>();
        Random ticketRandom = new Random(seed);
        for (int i = 0; i < TICKETS; i++) {
            Ticket t = tickets.next(ticketRandom);
            String text = t.text().text();
            category.add(new LabeledText(text, t.category()));
            sentiment.add(new LabeledText(text, t.sentiment()));
            urgency.add(new LabeledText(text, t.urgency()));
        }
        classification.put("category", category);
        classification.put("sentiment", sentiment);
        classification.put("urgency", urgency);

        ModerationGenerator moderation = new ModerationGenerator(expander, tickets, typos);
        Random moderationRandom = new Random(seed + 1);
        List<LabeledText> moderationExamples = new ArrayList<>();
        for (int i = 0; i < MODERATION; i++) {
            String[] example = moderation.next(moderationRandom);
            moderationExamples.add(new LabeledText(example[0], example[1]));
        }
        classification.put("moderation", moderationExamples);

        Random nerRandom = new Random(seed + 2);
        List<TaggedSentence> entities = new ArrayList<>();
        for (int i = 0; i < NER_TICKETS; i++) {
            List<String[]> tagged = tickets.next(nerRandom).text().taggedTokens();
            entities.add(new TaggedSentence(
                    tagged.stream().map(t -> t[0]).toList(),
                    tagged.stream().map(t -> t[1]).toList()));
        }

        ThreadGenerator threads = new ThreadGenerator(fillers);
        Random threadRandom = new Random(seed + 3);
        List<SummaryPair> summaries = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String[] pair = threads.next(threadRandom);
            summaries.add(new SummaryPair(pair[0], pair[1]));
        }
        return new SeedCorpus(classification, entities, summaries);
    }

    /** The seed data shipped in this jar. */
    public static SeedCorpus bundled() {
        try {
            Map<String, List<LabeledText>> classification = new LinkedHashMap<>();
            for (String task : CLASSIFICATION_TASKS) {
                List<LabeledText> all = new ArrayList<>();
                for (Split split : Split.values()) {
                    String file = classificationFile(task, split);
                    try (InputStream in = resource(file)) {
                        all.addAll(ClassificationTsv.read(file, in));
                    }
                }
                classification.put(task, all);
            }
            List<TaggedSentence> entities = new ArrayList<>();
            for (Split split : Split.values()) {
                try (InputStream in = resource(entitiesFile(split))) {
                    entities.addAll(Conll.read(entitiesFile(split), in));
                }
            }
            List<SummaryPair> summaries;
            try (InputStream in = resource(SUMMARIES_FILE)) {
                summaries = SummarizationJsonl.read(SUMMARIES_FILE, in);
            }
            return new SeedCorpus(classification, entities, summaries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DatasetFormatException e) {
            throw new IllegalStateException("bundled seed data is malformed: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = SeedCorpus.class.getResourceAsStream(RESOURCE_DIR + file);
        if (in == null) {
            throw new IOException("seed resource missing from the class path: " + RESOURCE_DIR + file);
        }
        return in;
    }

    public List<LabeledText> classification(String task, Split split) {
        List<LabeledText> all = classification.get(task);
        if (all == null) {
            throw new IllegalArgumentException("no seed data for task '" + task + "'; tasks: " + CLASSIFICATION_TASKS);
        }
        return splitOf(all, task.equals("moderation") ? MODERATION_TRAIN : TICKETS_TRAIN, split);
    }

    public List<TaggedSentence> entities(Split split) {
        return splitOf(entities, NER_TRAIN, split);
    }

    public List<SummaryPair> summaries() {
        return summaries;
    }

    private static <T> List<T> splitOf(List<T> all, int trainSize, Split split) {
        return split == Split.TRAIN
                ? List.copyOf(all.subList(0, trainSize))
                : List.copyOf(all.subList(trainSize, all.size()));
    }

    /** Writes every dataset in its standard format into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String task : CLASSIFICATION_TASKS) {
            for (Split split : Split.values()) {
                ClassificationTsv.write(dir.resolve(classificationFile(task, split)), classification(task, split));
            }
        }
        for (Split split : Split.values()) {
            Conll.write(dir.resolve(entitiesFile(split)), entities(split));
        }
        SummarizationJsonl.write(dir.resolve(SUMMARIES_FILE), summaries);
    }

    static final String SUMMARIES_FILE = "summaries.jsonl";

    static String classificationFile(String task, Split split) {
        return task + "-" + split.fileSuffix() + ".tsv";
    }

    static String entitiesFile(Split split) {
        return "entities-" + split.fileSuffix() + ".conll";
    }

    /** Regenerates the shipped files: {@code SeedCorpus <dir>} (training/src/main/resources/io/streamnlp/training/seed). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SeedCorpus <output-dir>");
            System.exit(2);
        }
        generate(DEFAULT_SEED).write(Path.of(args[0]));
    }
}
