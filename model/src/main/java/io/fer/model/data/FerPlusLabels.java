package io.fer.model.data;

/**
 * Microsoft's FER+ labelling of one face from its 10 vote counts, in {@code fer2013new.csv} column order
 * (neutral, happiness, surprise, sadness, anger, disgust, fear, contempt, unknown, NF), into this project's class
 * order (0 anger, 1 disgust, 2 fear, 3 happiness, 4 sadness, 5 surprise, 6 neutral, 7 contempt).
 */
public final class FerPlusLabels {

    /** Vote columns in the file. */
    public static final int VOTE_COLUMNS = 10;
    /** Emotion classes. */
    public static final int CLASSES = 8;
    /** Class index of each of the first 8 vote columns. */
    private static final int[] CLASS_OF_COLUMN = {6, 3, 5, 4, 0, 1, 2, 7};

    private FerPlusLabels() {
    }

    /**
     * The "majority" rule: single votes are outliers and set to 0; the top remaining count wins if it is more than
     * half of the remaining votes; a face won by unknown or NF, or with no such majority, has no label.
     *
     * @param votes the 10 counts
     * @return the class, or -1 if the face is dropped
     */
    public static int majority(int[] votes) {
        int sum = 0;
        int best = -1;
        int bestCount = 0;
        for (int c = 0; c < VOTE_COLUMNS; c++) {
            int v = votes[c] <= 1 ? 0 : votes[c];
            sum += v;
            if (v > bestCount) {
                bestCount = v;
                best = c;
            }
        }
        if (best < 0 || 2 * bestCount <= sum || best >= CLASSES) return -1;
        return CLASS_OF_COLUMN[best];
    }

    /**
     * The vote distribution over the 8 emotions (unknown and NF left out), in class order; the soft label.
     *
     * @throws IllegalArgumentException if no emotion has a vote
     */
    public static float[] distribution(int[] votes) {
        float[] out = new float[CLASSES];
        int sum = 0;
        for (int c = 0; c < CLASSES; c++) sum += votes[c];
        if (sum == 0) throw new IllegalArgumentException("no emotion votes");
        for (int c = 0; c < CLASSES; c++) out[CLASS_OF_COLUMN[c]] = (float) votes[c] / sum;
        return out;
    }
}
