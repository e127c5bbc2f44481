package io.streamnlp.training.data;

/**
 * A dataset file that cannot be used: unreadable, empty, or a malformed line. The message names the
 * file and, where there is one, the 1-based line, e.g. {@code train.tsv:17: no tab between text and label}.
 */
public final class DatasetFormatException extends Exception {
    private final String source;
    private final int line;

    public DatasetFormatException(String source, int line, String problem) {
        super(line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem);
        this.source = source;
        this.line = line;
    }

    public DatasetFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.line = 0;
    }

    /** The file (or resource) the problem is in. */
    public String source() {
        return source;
    }

    /** The 1-based line, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }
}
