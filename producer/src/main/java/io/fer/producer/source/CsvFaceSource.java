package io.fer.producer.source;

import io.fer.model.data.EmotionCsvReader;
import io.fer.model.data.FaceSet;
import io.fer.model.data.FerPlusReader;
import io.fer.model.data.ReadResult;
import io.fer.model.data.Usage;
import io.fer.schemas.FaceFrame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.Set;

/**
 * Replays a labelled FER CSV as frames with their ground-truth label (FER+ class order): {@code fer2013.csv} or
 * {@code ferplus.csv} ({@code emotion,pixels,Usage}; FER2013's 7 labels are the first 7 FER+ classes), or
 * {@code fer2013.csv} joined with Microsoft's vote file {@code fer2013new.csv} for FER+ majority labels. Rows are read
 * by the model module's readers; bad rows are reported with their line and skipped.
 *
 * <p>Frame ids are {@code <stream>#<index>} (index of the face among the rows selected), with {@code @<pass>} added
 * on the passes after the first when looping.
 */
public final class CsvFaceSource implements FaceSource {

    /** What to replay and how. */
    public record Settings(Path csv, Path votes, Set<Usage> usages, boolean loop, boolean shuffle, long seed) {
    }

    private final Settings settings;
    private final String streamId;

    public CsvFaceSource(Settings settings, String streamId) {
        this.settings = settings;
        this.streamId = streamId;
    }

    /** The default stream id of a CSV: {@code dataset:<file name>}. */
    public static String defaultStreamId(Path csv) {
        return "dataset:" + csv.getFileName();
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public void run(FrameSink sink) throws SourceUnavailableException {
        ReadResult result = read();
        for (String problem : result.skipped()) {
            int colon = problem.indexOf(": ");
            sink.skip(colon > 0 ? problem.substring(0, colon) : settings.csv().toString(), SkipReason.BAD_CSV_ROW,
                    colon > 0 ? problem.substring(colon + 2) : problem);
        }
        FaceSet faces = result.faces();
        if (faces.size() == 0) return;
        int[] order = new int[faces.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Random random = new Random(settings.seed());
        String uri = settings.csv().toAbsolutePath().toUri().toString();
        for (int pass = 0; pass == 0 || settings.loop(); pass++) {
            if (settings.shuffle()) shuffle(order, random);
            for (int i : order) {
                String frameId = streamId + "#" + i + (pass > 0 ? "@" + pass : "");
                FaceFrame frame = FaceFrames.face(frameId, streamId, Instant.now(), faces.pixels(i), faces.label(i), uri, i, null);
                if (!sink.accept(frame)) return;
            }
        }
    }

    private ReadResult read() throws SourceUnavailableException {
        Path csv = settings.csv();
        if (!Files.isReadable(csv)) throw new SourceUnavailableException("cannot read the CSV file " + csv);
        if (settings.votes() != null && !Files.isReadable(settings.votes())) {
            throw new SourceUnavailableException("cannot read the vote file " + settings.votes());
        }
        try {
            return settings.votes() == null
                    ? EmotionCsvReader.ferPlus().read(csv, settings.usages())
                    : new FerPlusReader(FerPlusReader.Labels.MAJORITY).read(csv, settings.votes(), settings.usages());
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot read " + csv + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // a wrong header: say which formats are accepted
            throw new SourceUnavailableException(e.getMessage() + " (expected emotion,pixels,Usage as in fer2013.csv or "
                    + "ferplus.csv; give fer2013new.csv with --votes, beside --csv fer2013.csv)", e);
        }
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
