package dev.recollect.adapters.jdbi.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Small files that are written whole or not at all: a temporary sibling, then an atomic rename over the target. */
final class AtomicFiles {
    private AtomicFiles() {}

    static void write(Path file, String content) throws IOException {
        write(file, content, null);
    }

    /** Writes {@code content} with {@code permissions} (or the default ones when {@code null}). */
    static void write(Path file, String content, Set<PosixFilePermission> permissions) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            if (permissions != null) {
                Files.setPosixFilePermissions(temporary, permissions);
            }
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
