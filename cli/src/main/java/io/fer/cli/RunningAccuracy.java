package io.fer.cli;

import io.fer.schemas.Emotion;
import io.fer.schemas.EmotionEvent;

import java.util.Locale;

/** Counts events and how many of the labelled ones the model got right; formats the demo's lines. */
final class RunningAccuracy {
    private static final Emotion[] CLASSES = Emotion.values();
    private long seen;
    private long labelled;
    private long correct;
    private long latencySumMs;

    void add(EmotionEvent e) {
        seen++;
        latencySumMs += e.getProcessingTimestamp().toEpochMilli() - e.getCaptureTimestamp().toEpochMilli();
        Integer label = e.getGroundTruthLabel();
        if (label != null) {
            labelled++;
            if (label == e.getPredictedEmotion().ordinal()) correct++;
        }
    }

    long seen() {
        return seen;
    }

    /** Accuracy over the labelled events so far, 0 when there are none. */
    double accuracy() {
        return labelled == 0 ? 0 : (double) correct / labelled;
    }

    String line(EmotionEvent e) {
        Integer label = e.getGroundTruthLabel();
        String truth = label == null ? "-" : label >= 0 && label < CLASSES.length ? name(CLASSES[label]) : "?" + label;
        String mark = label == null ? " " : label == e.getPredictedEmotion().ordinal() ? "✓" : "✗";
        return String.format(Locale.ROOT, "%-28s %-10s %5.1f%%  truth %-10s %s  running accuracy %5.1f%% (%d)",
                e.getFrameId(), name(e.getPredictedEmotion()), 100 * e.getConfidence(), truth, mark,
                100 * accuracy(), labelled);
    }

    String summary() {
        return String.format(Locale.ROOT, "%d events, accuracy %.2f%% on %d labelled, mean latency %d ms",
                seen, 100 * accuracy(), labelled, seen == 0 ? 0 : latencySumMs / seen);
    }

    private static String name(Emotion e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
