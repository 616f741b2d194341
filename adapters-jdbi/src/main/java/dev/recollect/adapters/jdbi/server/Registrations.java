package dev.recollect.adapters.jdbi.server;

import dev.recollect.adapters.jdbi.server.SharedPostgres.Role;
import dev.recollect.adapters.jdbi.server.SharedPostgres.User;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Who uses a home's shared server: one file per user in a directory, each locked by its process for as long as it
 * uses the server. The operating system releases the lock when a process ends, however it ends, so a user killed with
 * SIGKILL stops counting at once: a file whose lock can be taken belongs to nobody and is deleted.
 */
final class Registrations {
    private static final String SUFFIX = ".user";
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /**
     * This JVM's own registrations. They are never opened a second time: closing any channel of a file releases every
     * lock the process holds on it, which would silently end the registration.
     */
    private static final ConcurrentMap<Path, User> OWN = new ConcurrentHashMap<>();

    private final Path directory;

    Registrations(Path directory) {
        this.directory = directory;
    }

    /** One user's place, held until {@link #close()}. */
    static final class Registration implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;

        private Registration(Path file, FileChannel channel, FileLock lock) {
            this.file = file.toAbsolutePath().normalize();
            this.channel = channel;
            this.lock = lock;
        }

        /** Leaves: the file goes first, so that nobody counts a user who is leaving. */
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                OWN.remove(file);
            }
        }
    }

    /**
     * Registers this process as a user. The file is locked under a temporary name and renamed into place, so that it
     * is never visible unlocked (a lock follows the file through a rename).
     */
    Registration register(Role role, String command, Instant since) {
        ProcessHandle self = ProcessHandle.current();
        String name = self.pid() + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
        Path temporary = directory.resolve("." + name + ".tmp");
        Path file = directory.resolve(name + SUFFIX);
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            Properties p = new Properties();
            p.setProperty("pid", Long.toString(self.pid()));
            p.setProperty("role", role.name());
            p.setProperty("command", command);
            p.setProperty("since", since.toString());
            StringWriter text = new StringWriter();
            p.store(text, null);
            channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            // Known as this JVM's own before it becomes visible, so that no thread here ever opens it.
            Registration registration = new Registration(file, channel, lock);
            OWN.put(registration.file, new User(self.pid(), role, command, since));
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                OWN.remove(registration.file);
                throw e;
            }
            return registration;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                    Files.deleteIfExists(temporary);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new LocalPostgresException("could not register with the shared server in " + directory, e);
        }
    }

    /** The users whose processes hold their place; files of users that are gone are deleted on the way. */
    List<User> live() {
        List<User> users = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                    .toList()) {
                liveUser(file).ifPresent(users::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new LocalPostgresException("could not list the users of the shared server in " + directory, e);
        }
        users.sort(Comparator.comparing(User::since).thenComparing(User::pid));
        return List.copyOf(users);
    }

    private static Optional<User> liveUser(Path file) throws IOException {
        User own = OWN.get(file.toAbsolutePath().normalize());
        if (own != null) {
            return Optional.of(own);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock free = channel.tryLock();
            if (free == null) {
                return parse(channel);
            }
            // Nobody holds it: its process is gone.
            Files.deleteIfExists(file);
            free.release();
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static Optional<User> parse(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
        channel.read(buffer, 0);
        Properties p = new Properties();
        p.load(new StringReader(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)));
        try {
            return Optional.of(new User(
                    Long.parseLong(p.getProperty("pid")),
                    Role.valueOf(p.getProperty("role")),
                    p.getProperty("command", ""),
                    Instant.parse(p.getProperty("since"))));
        } catch (RuntimeException e) {
            // Locked but not yet written: a user arriving this instant. It counts, though it cannot be described.
            return Optional.of(new User(0, Role.COMMAND, "(arriving)", Instant.EPOCH));
        }
    }
}
