package io.fer.trainer.replay;

import io.fer.model.Emotions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a replay read from its range: the labelled faces in (partition, offset) order with their ground-truth labels
 * (FER+ class order), how many records carried no label, and the records that are not usable frames.
 *
 * @param ranges     the offsets read on each partition
 * @param records    records read
 * @param faces      pixels of each labelled frame (2304 bytes)
 * @param labels     each labelled frame's class, FER+ order
 * @param unlabelled frames without a ground-truth label (read, not evaluated)
 * @param bad        records that are not usable frames
 */
public record LabelledFrames(List<TopicRange.PartitionRange> ranges, long records, List<byte[]> faces, int[] labels,
                             long unlabelled, List<BadRecord> bad) {

    /**
     * A record that could not be replayed.
     *
     * @param partition its partition
     * @param offset    its offset
     * @param reason    why
     */
    public record BadRecord(int partition, long offset, String reason) {
        @Override
        public String toString() {
            return "partition " + partition + " offset " + offset + ": " + reason;
        }
    }

    /**
     * The faces and true classes for a model with these classes. A frame whose label is not among them (a contempt
     * face for a 7-class model) is left out, as {@code fer evaluate} leaves such rows out.
     *
     * @param faces   the faces to evaluate
     * @param truth   each face's class index in the model's classes
     * @param outside labelled frames left out
     */
    public record Truth(List<byte[]> faces, int[] truth, int outside) {
    }

    /** The faces and true class indices for a model with these classes, in its order. */
    public Truth forClasses(List<String> classes) {
        List<byte[]> kept = new ArrayList<>(faces.size());
        int[] truth = new int[faces.size()];
        int n = 0;
        for (int i = 0; i < faces.size(); i++) {
            int c = classes.indexOf(Emotions.FER_PLUS.get(labels[i]));
            if (c < 0) continue;
            kept.add(faces.get(i));
            truth[n++] = c;
        }
        return new Truth(kept, Arrays.copyOf(truth, n), faces.size() - n);
    }
}
