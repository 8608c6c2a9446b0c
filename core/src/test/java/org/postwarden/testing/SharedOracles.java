package org.postwarden.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the independent verifiers of {@code shared/oracles} are (see its README.md): the shared/ folder sits beside
 * the repository, so walk up from the working directory until a directory holds shared/oracles.
 */
public final class SharedOracles {
    private SharedOracles() {
    }

    public static Optional<Path> directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/oracles");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
