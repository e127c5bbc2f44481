package io.streamnlp.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommonOptionsDocsTest {

    @Test
    void docsConfigurationListsTheSharedOptions() throws IOException {
        OptionTables.check(Path.of("../docs/configuration.md"), "common", CommonOptions.ALL);
    }

    @Test
    void aTableThatDiffersFromTheDeclarationsFails(@TempDir Path dir) throws IOException {
        Options one =
                Options.of(ConfigOptions.key("a.b").intType().defaultValue(1).withDescription("one"));
        Path doc = Files.writeString(
                dir.resolve("doc.md"), "<!-- options:t -->\n" + OptionTables.render(one) + "<!-- /options:t -->\n");
        OptionTables.check(doc, "t", one, false);
        Options changedDefault =
                Options.of(ConfigOptions.key("a.b").intType().defaultValue(2).withDescription("one"));
        assertThrows(AssertionError.class, () -> OptionTables.check(doc, "t", changedDefault, false));
        Options undocumented =
                one.plus(Options.of(ConfigOptions.key("a.c").stringType().noDefaultValue()));
        assertThrows(AssertionError.class, () -> OptionTables.check(doc, "t", undocumented, false));
        assertThrows(AssertionError.class, () -> OptionTables.check(doc, "other", one, false));
    }
}
