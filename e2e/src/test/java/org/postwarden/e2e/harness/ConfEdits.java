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

    private record NewFile(String file, String content) {
    }

    private final List<Edit> edits = new ArrayList<>();
    private final List<NewFile> newFiles = new ArrayList<>();

    /** Adds a file that the shipped configuration does not have, such as a key. */
    public ConfEdits create(String file, String content) {
        newFiles.add(new NewFile(file, content));
        return this;
    }

    public ConfEdits replace(String file, String expected, String replacement) {
        edits.add(new Edit(file, expected, replacement));
        return this;
    }

    public ConfEdits addAll(ConfEdits other) {
        edits.addAll(other.edits);
        newFiles.addAll(other.newFiles);
        return this;
    }

    void applyTo(Path confDirectory) throws IOException {
        for (NewFile newFile : newFiles) {
            Files.writeString(confDirectory.resolve(newFile.file()), newFile.content(), StandardCharsets.UTF_8);
        }
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
