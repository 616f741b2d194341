package dev.recollect.cli.migrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.cli.support.CliException;
import dev.recollect.domain.Texts;
import dev.recollect.domain.migration.Document;
import dev.recollect.ports.in.ImportDocuments;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a Convex export (a ZIP, or a directory unpacked from one) into the staging table: one folder per table, each
 * with {@code documents.jsonl}, one document per line with {@code _id} and {@code _creationTime}. Lines are read and
 * saved in chunks, so memory stays constant however large the export; documents already imported are skipped by id,
 * so importing again adds only what is new; a malformed line is reported with its number and reason, and the import
 * goes on. Convex's system tables (folders starting with {@code _}) are not data and are skipped.
 */
final class ConvexExport {
    static final int CHUNK = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the import did with one table.
     *
     * @param table the table
     * @param read lines read
     * @param imported documents added
     * @param alreadyPresent documents skipped because their id was already imported
     * @param malformed lines that were not documents, as {@code line N: reason}
     */
    record TableReport(String table, int read, int imported, int alreadyPresent, List<String> malformed) {}

    private final ImportDocuments imports;
    private final Instant now;

    ConvexExport(ImportDocuments imports, Instant now) {
        this.imports = imports;
        this.now = now;
    }

    List<TableReport> importFrom(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            List<TableReport> reports = new ArrayList<>();
            try (Stream<Path> tables = Files.list(path)) {
                for (Path folder : tables.filter(Files::isDirectory).sorted().toList()) {
                    Path file = folder.resolve("documents.jsonl");
                    String table = folder.getFileName().toString();
                    if (!table.startsWith("_") && Files.isRegularFile(file)) {
                        try (InputStream in = Files.newInputStream(file)) {
                            reports.add(importTable(table, in));
                        }
                    }
                }
            }
            return reports;
        }
        if (Files.isRegularFile(path)) {
            return importZip(path);
        }
        throw CliException.invalid("PATH: " + path + " is neither a directory nor a ZIP file");
    }

    private List<TableReport> importZip(Path zip) throws IOException {
        List<TableReport> reports = new ArrayList<>();
        // ZipInputStream reads a file that is not a ZIP as an empty one: check the signature first.
        byte[] signature = new byte[4];
        try (InputStream head = Files.newInputStream(zip)) {
            if (head.readNBytes(signature, 0, 4) < 4
                    || signature[0] != 'P'
                    || signature[1] != 'K'
                    || !(signature[2] == 3 && signature[3] == 4 || signature[2] == 5 && signature[3] == 6)) {
                throw CliException.invalid("PATH: " + zip + " is not a ZIP file");
            }
        }
        boolean empty = signature[2] == 5;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            int entries = 0;
            while ((entry = in.getNextEntry()) != null) {
                entries++;
                String[] parts = entry.getName().split("/");
                if (parts.length == 2 && parts[1].equals("documents.jsonl") && !parts[0].startsWith("_")) {
                    reports.add(importTable(parts[0], in));
                }
            }
            if (entries == 0 && !empty) {
                // A local header that yields no entry: the file stops inside its first entry.
                throw new java.io.EOFException("it ends inside its first entry");
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw CliException.invalid("PATH: " + zip + " is not a whole ZIP file: " + e.getMessage());
        }
        return reports;
    }

    private TableReport importTable(String table, InputStream in) throws IOException {
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            return new TableReport(table, 0, 0, 0, List.of("table name is not an identifier"));
        }
        // Not closed here: closing would close the ZIP stream that holds the next tables.
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<Document> chunk = new ArrayList<>(CHUNK);
        List<String> malformed = new ArrayList<>();
        int read = 0;
        int imported = 0;
        int documents = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            read++;
            if (line.isBlank()) {
                continue;
            }
            String problem = parse(line, chunk);
            if (problem != null) {
                malformed.add("line " + read + ": " + problem);
                continue;
            }
            documents++;
            if (chunk.size() == CHUNK) {
                imported += imports.importDocuments(new ImportDocuments.Command(table, chunk));
                chunk.clear();
            }
        }
        imported += imports.importDocuments(new ImportDocuments.Command(table, chunk));
        return new TableReport(table, read, imported, documents - imported, malformed);
    }

    /** The longest line read as a document; Convex's own documents stay far below it. */
    static final int MAX_LINE = 1 << 20;

    /** Adds the document on {@code line} to {@code chunk}; returns why it is not one, or {@code null}. */
    private String parse(String line, List<Document> chunk) {
        if (line.length() > MAX_LINE) {
            return "longer than " + MAX_LINE + " characters (" + line.length() + ")";
        }
        Object parsed;
        try {
            parsed = JSON.readValue(line, Object.class);
        } catch (JsonProcessingException e) {
            return "not JSON (" + e.getOriginalMessage() + ")";
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return "not a JSON object";
        }
        if (!(map.get("_id") instanceof String id) || id.isEmpty() || id.length() > 512) {
            return "no _id string of 1 to 512 characters";
        }
        if (map.containsKey("_creationTime") && !(map.get("_creationTime") instanceof Number)) {
            return "_creationTime is not a number";
        }
        String unstorable = unstorable(map, "");
        if (unstorable != null) {
            return unstorable;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((key, value) -> fields.put(String.valueOf(key), value));
        chunk.add(new Document(id, fields, now));
        return null;
    }

    /**
     * Where {@code value} holds text PostgreSQL cannot store as it is (a NUL, an unpaired surrogate), as "field
     * holds ..."; {@code null} when it holds none.
     */
    private static String unstorable(Object value, String path) {
        if (value instanceof String text) {
            return Texts.storable(text)
                    ? null
                    : (path.isEmpty() ? "a key" : path) + " holds a NUL or an unpaired surrogate";
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String found = Texts.storable(key)
                        ? unstorable(entry.getValue(), path.isEmpty() ? key : path + "." + key)
                        : "a key of " + (path.isEmpty() ? "the document" : path)
                                + " holds a NUL or an unpaired surrogate";
                if (found != null) {
                    return found;
                }
            }
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String found = unstorable(list.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
