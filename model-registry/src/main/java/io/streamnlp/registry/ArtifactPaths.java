package io.streamnlp.registry;

import io.streamnlp.bundle.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Relative file paths inside a version, as they appear in manifests, URLs and uploaded archives.
 * Every such path is checked here before it touches the file system, so none can leave its root.
 */
public final class ArtifactPaths {

    public static final int MAX_LENGTH = 1024;
    public static final int MAX_DEPTH = 16;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+=-]{1,255}");

    private ArtifactPaths() {}

    /** Checks a '/'-separated relative path and returns it unchanged. */
    public static String requireSafe(String relative) {
        if (relative == null || relative.isEmpty() || relative.length() > MAX_LENGTH) {
            throw unsafe(relative, "empty or longer than " + MAX_LENGTH + " characters");
        }
        String[] segments = relative.split("/", -1);
        if (segments.length > MAX_DEPTH) {
            throw unsafe(relative, "deeper than " + MAX_DEPTH + " directories");
        }
        for (String segment : segments) {
            if (segment.equals(".")
                    || segment.equals("..")
                    || !SEGMENT.matcher(segment).matches()) {
                throw unsafe(relative, "each segment must be [A-Za-z0-9._+=-]+ and not '.' or '..'");
            }
        }
        return relative;
    }

    /** Resolves a checked relative path under {@code root}. */
    public static Path resolveInside(Path root, String relative) {
        requireSafe(relative);
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(relative).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw unsafe(relative, "escapes its directory");
        }
        return resolved;
    }

    /** The '/'-separated form of {@code file} relative to {@code root}, checked. */
    public static String relativeName(Path root, Path file) {
        Path relative = root.relativize(file);
        StringBuilder name = new StringBuilder();
        for (Path segment : relative) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(segment);
        }
        return requireSafe(name.toString());
    }

    /** Creates a download target if absent; refuses one that already holds anything, so nothing is overwritten. */
    public static void requireEmptyTarget(Path dir) {
        try {
            FileTrees.requireEmptyDirectory(dir);
        } catch (DirectoryNotEmptyException e) {
            throw new InvalidModelException("target directory " + dir + " is not empty");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    private static InvalidModelException unsafe(String relative, String why) {
        return new InvalidModelException("unsafe artifact path '" + ModelNames.printable(relative) + "': " + why);
    }
}
