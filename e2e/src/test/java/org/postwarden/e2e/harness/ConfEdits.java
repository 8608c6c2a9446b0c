package org.postwarden.e2e.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Literal edits of the shipped conf/ files. An edit whose text is not found fails the test run: when the shipped
 * configuration changes, the harness must follow instead of silently testing something else.
 */
public final class ConfEdits {

    private record Edit(String file, String expected, String replacement) {
    }

    private final List<Edit> edits = new ArrayList<>();

    public ConfEdits replace(String file, String expected, String replacement) {
        edits.add(new Edit(file, expected, replacement));
        return this;
    }

    public ConfEdits addAll(ConfEdits other) {
        edits.addAll(other.edits);
        return this;
    }

    void applyTo(Path confDirectory) throws IOException {
        for (Edit edit : edits) {
            Path file = confDirectory.resolve(edit.file());
            String content = Files.readString(file, StandardCharsets.UTF_8);
            if (!content.contains(edit.expected())) {
                throw new IllegalStateException("conf/" + edit.file() + " no longer contains: " + edit.expected());
            }
            Files.writeString(file, content.replace(edit.expected(), edit.replacement()), StandardCharsets.UTF_8);
        }
    }
}
