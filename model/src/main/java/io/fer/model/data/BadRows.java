package io.fer.model.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/** Records malformed rows: each one kept with its file and line, the first few also logged. */
final class BadRows {

    private static final Logger log = LoggerFactory.getLogger(BadRows.class);
    /** Bad rows logged one by one before the rest are only counted in the log (all are in the result). */
    private static final int LOGGED = 20;

    private BadRows() {
    }

    /** Adds {@code "<file>:<line>: <reason>; row skipped"} to {@code problems}. */
    static void report(List<String> problems, Path file, long line, String reason) {
        String message = file.getFileName() + ":" + line + ": " + reason + "; row skipped";
        problems.add(message);
        if (problems.size() <= LOGGED) {
            log.warn(message);
        } else if (problems.size() == LOGGED + 1) {
            log.warn("{}: more bad rows; only their count is logged", file.getFileName());
        }
    }

    /** At most 40 characters of a bad value, for messages. */
    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
