package io.streamnlp.training.bench;

import io.streamnlp.training.NerTraining;
import io.streamnlp.training.heads.BatchedEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Encoded features of a benchmark data set kept in a temporary directory, keyed by a hash of the
 * texts, so that repeated head experiments skip the minutes of encoding. Rows of a sentence may be
 * null (a truncated word); such rows are stored with length -1.
 */
public final class FeatureCache {
    private final Path dir;

    public FeatureCache(Path dir) {
        this.dir = dir;
    }

    /** The sentence embeddings of {@code texts}, from the cache or encoded (and cached) now. */
    public List<float[]> embeddings(String kind, List<String> texts, BatchedEncoder encoder) {
        List<float[][]> rows = get(
                kind,
                texts,
                () -> encoder.embeddings("encoding " + kind, texts).stream()
                        .map(e -> new float[][] {e})
                        .toList());
        return rows.stream().map(r -> r[0]).toList();
    }

    public List<float[][]> get(String kind, List<String> texts, Supplier<List<float[][]>> compute) {
        Path file = dir.resolve(kind + "-" + key(texts) + ".bin");
        if (Files.isRegularFile(file)) {
            return read(file);
        }
        List<float[][]> value = compute.get();
        write(file, value);
        return value;
    }

    List<NerTraining.SentenceRows> getNer(
            String kind, List<String> texts, Supplier<List<NerTraining.SentenceRows>> compute) {
        Path file = dir.resolve(kind + "-" + key(texts) + ".bin");
        if (Files.isRegularFile(file)) {
            return readNer(file);
        }
        List<NerTraining.SentenceRows> value = compute.get();
        writeNer(file, value);
        return value;
    }

    private void writeNer(Path file, List<NerTraining.SentenceRows> value) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "features", ".tmp");
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
                out.writeInt(value.size());
                for (NerTraining.SentenceRows s : value) {
                    out.writeInt(s.trainRows().size());
                    for (int i = 0; i < s.trainRows().size(); i++) {
                        out.writeUTF(s.trainTags().get(i));
                        writeRow(out, s.trainRows().get(i));
                    }
                    out.writeInt(s.wordRows().length);
                    for (float[] row : s.wordRows()) {
                        writeRow(out, row);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<NerTraining.SentenceRows> readNer(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            int n = in.readInt();
            List<NerTraining.SentenceRows> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int t = in.readInt();
                List<float[]> rows = new ArrayList<>(t);
                List<String> tags = new ArrayList<>(t);
                for (int r = 0; r < t; r++) {
                    tags.add(in.readUTF());
                    rows.add(readRow(in));
                }
                float[][] words = new float[in.readInt()][];
                for (int w = 0; w < words.length; w++) {
                    words[w] = readRow(in);
                }
                out.add(new NerTraining.SentenceRows(rows, tags, words));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeRow(DataOutputStream out, float[] row) throws IOException {
        out.writeInt(row == null ? -1 : row.length);
        if (row != null) {
            for (float f : row) {
                out.writeFloat(f);
            }
        }
    }

    private static float[] readRow(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0) {
            return null;
        }
        float[] row = new float[len];
        for (int k = 0; k < len; k++) {
            row[k] = in.readFloat();
        }
        return row;
    }

    private static String key(List<String> texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String t : texts) {
                sha.update(t.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(Path file, List<float[][]> value) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "features", ".tmp");
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
                out.writeInt(value.size());
                for (float[][] rows : value) {
                    out.writeInt(rows.length);
                    for (float[] row : rows) {
                        out.writeInt(row == null ? -1 : row.length);
                        if (row != null) {
                            for (float f : row) {
                                out.writeFloat(f);
                            }
                        }
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<float[][]> read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            int n = in.readInt();
            List<float[][]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                float[][] rows = new float[in.readInt()][];
                for (int r = 0; r < rows.length; r++) {
                    int len = in.readInt();
                    if (len >= 0) {
                        rows[r] = new float[len];
                        for (int k = 0; k < len; k++) {
                            rows[r][k] = in.readFloat();
                        }
                    }
                }
                out.add(rows);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
