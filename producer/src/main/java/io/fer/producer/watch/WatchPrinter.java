package io.fer.producer.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fer.schemas.Emotion;
import io.fer.schemas.EmotionEvent;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Prints what {@code fer watch} sees: one line per event and, per stream, the emotion counts of the window; as text
 * for people or as one JSON object per line for machines ({@code "type": "event"} or {@code "type": "window"}).
 */
public final class WatchPrinter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final boolean json;

    public WatchPrinter(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** One event. */
    public void event(EmotionEvent e) {
        long latency = e.getProcessingTimestamp().toEpochMilli() - e.getCaptureTimestamp().toEpochMilli();
        if (json) {
            ObjectNode node = JSON.createObjectNode()
                    .put("type", "event")
                    .put("streamId", e.getStreamId())
                    .put("frameId", e.getFrameId())
                    .put("captureTimestamp", e.getCaptureTimestamp().toString())
                    .put("emotion", e.getPredictedEmotion().name())
                    .put("confidence", e.getConfidence())
                    .put("modelName", e.getModelName())
                    .put("modelVersion", e.getModelVersion())
                    .put("latencyMs", latency);
            if (e.getGroundTruthLabel() != null) node.put("groundTruth", Emotion.values()[e.getGroundTruthLabel()].name());
            out.println(node);
        } else {
            out.printf(Locale.ROOT, "%s  %-24s %-10s %.2f  %s@%s  %d ms  %s%n", e.getCaptureTimestamp(), e.getStreamId(),
                    e.getPredictedEmotion(), e.getConfidence(), e.getModelName(), e.getModelVersion(), latency, e.getFrameId());
        }
        out.flush();
    }

    /** The window's counts of every stream. */
    public void window(EmotionWindow window) {
        long seconds = window.window().toSeconds();
        for (Map.Entry<String, Map<Emotion, Integer>> stream : window.counts().entrySet()) {
            int total = stream.getValue().values().stream().mapToInt(Integer::intValue).sum();
            if (json) {
                ObjectNode node = JSON.createObjectNode()
                        .put("type", "window")
                        .put("streamId", stream.getKey())
                        .put("windowSeconds", seconds)
                        .put("total", total);
                ObjectNode counts = node.putObject("counts");
                stream.getValue().forEach((emotion, n) -> counts.put(emotion.name(), n));
                out.println(node);
            } else {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[last %ds] %-24s total %5d", seconds, stream.getKey(), total));
                stream.getValue().forEach((emotion, n) -> line.append("  ").append(emotion.name().toLowerCase(Locale.ROOT)).append(' ').append(n));
                out.println(line);
            }
        }
        out.flush();
    }

    /** A record that could not be read. */
    public void badRecord(String where, String problem) {
        if (json) {
            out.println(JSON.createObjectNode().put("type", "bad-record").put("where", where).put("problem", problem));
        } else {
            out.println("bad record at " + where + ": " + problem + " (skipped)");
        }
        out.flush();
    }
}
