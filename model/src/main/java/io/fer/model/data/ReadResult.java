package io.fer.model.data;

import java.util.List;

/**
 * What a reader returns: the faces kept, and every row it skipped with its line number and reason.
 *
 * @param faces   the faces read
 * @param skipped one message per skipped bad row, {@code "<file>:<line>: <reason>"}
 * @param dropped rows left out by a labelling rule rather than because they were malformed (e.g. FER+ faces that
 *                are unknown or not a face); counted, not listed
 */
public record ReadResult(FaceSet faces, List<String> skipped, int dropped) {

    public ReadResult {
        skipped = List.copyOf(skipped);
    }

    /** One line for logs: faces read, bad rows skipped, rows dropped by rule. */
    public String summary() {
        return faces.size() + " faces read, " + skipped.size() + " bad rows skipped"
                + (dropped > 0 ? ", " + dropped + " rows dropped by the labelling rule" : "");
    }
}
