package dev.recollect.cli.fsrs;

/** Input that cannot be replayed; the message starts with the JSON path of the offending element. */
final class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidInputException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
    }
}
