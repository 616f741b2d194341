package dev.recollect.cli.migrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.cli.support.CliException;
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
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String[] parts = entry.getName().split("/");
                if (parts.length == 2 && parts[1].equals("documents.jsonl") && !parts[0].startsWith("_")) {
                    reports.add(importTable(parts[0], in));
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw CliException.invalid("PATH: " + zip + " is not a ZIP file: " + e.getMessage());
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

    /** Adds the document on {@code line} to {@code chunk}; returns why it is not one, or {@code null}. */
    private String parse(String line, List<Document> chunk) {
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
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((key, value) -> fields.put(String.valueOf(key), value));
        chunk.add(new Document(id, fields, now));
        return null;
    }
}
