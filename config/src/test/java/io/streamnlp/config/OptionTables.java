package io.streamnlp.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The option tables of docs/*.md, generated from the declarations. A table sits between {@code <!-- options:NAME -->} and
 * {@code <!-- /options:NAME -->}; {@link #check} fails when it differs from what the declarations give, and rewrites it
 * instead when the build runs with {@code -Dstreamnlp.docs.write=true}.
 */
public final class OptionTables {
    private OptionTables() {}

    /** The markdown table of {@code options}: key, default, meaning. */
    public static String render(Options options) {
        List<String> rows = new ArrayList<>();
        rows.add("| key | default | meaning |");
        rows.add("|---|---|---|");
        for (ConfigOption<?> option : options.options()) {
            String def = option.documentedDefault();
            rows.add("| `" + option.key() + "` | " + (def.isEmpty() ? "" : "`" + def + "` ") + "| "
                    + option.description() + " |");
        }
        for (PrefixOption prefix : options.prefixes()) {
            rows.add("| `" + prefix.documentedKey() + "` | | " + prefix.description() + " |");
        }
        return String.join("\n", rows) + "\n";
    }

    /** @throws AssertionError when {@code doc}'s table {@code name} is missing or not what {@code options} give */
    public static void check(Path doc, String name, Options options) throws IOException {
        check(doc, name, options, Boolean.getBoolean("streamnlp.docs.write"));
    }

    static void check(Path doc, String name, Options options, boolean write) throws IOException {
        String text = Files.readString(doc);
        String begin = "<!-- options:" + name + " -->\n";
        String end = "<!-- /options:" + name + " -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError(doc + " has no " + begin.strip() + " ... " + end + " block");
        }
        String documented = text.substring(from + begin.length(), to);
        String declared = render(options);
        if (documented.equals(declared)) {
            return;
        }
        if (write) {
            Files.writeString(doc, text.substring(0, from + begin.length()) + declared + text.substring(to));
            return;
        }
        throw new AssertionError(
                doc + ": the " + name + " option table differs from the declarations; regenerate it with"
                        + " -Dstreamnlp.docs.write=true\n--- documented\n" + documented + "--- declared\n" + declared);
    }
}
