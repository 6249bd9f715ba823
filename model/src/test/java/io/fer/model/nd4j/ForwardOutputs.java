package io.fer.model.nd4j;

import io.fer.model.Architecture;
import io.fer.model.InferenceModel;
import io.fer.model.NetworkSpec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed set of forward passes (both networks, every inference mode, {@value #FACES} real faces, non-trivial random
 * weights), as one list of probability rows. Its {@link #main} writes them to a file, so that a JVM running another
 * native build can be compared with this one.
 */
final class ForwardOutputs {
    static final int FACES = 16;

    /** What another JVM computed, and whether it ran the oneDNN build. */
    record Written(boolean oneDnn, List<float[][]> outputs) {
    }

    private ForwardOutputs() {
    }

    static List<float[][]> compute() throws IOException {
        float[] faces = Faces.firstRows(FACES).first(FACES);
        List<float[][]> out = new ArrayList<>();
        for (NetworkSpec spec : List.of(new NetworkSpec(Architecture.CLIQUENET, 8), new NetworkSpec(Architecture.LENET7, 8))) {
            Nd4jWeights weights = new Nd4jWeights(spec, RandomWeights.of(spec, 21));
            for (InferenceModels.Mode mode : InferenceModels.Mode.values()) {
                try (InferenceModel model = InferenceModels.create(spec, weights, mode)) {
                    out.add(model.predict(faces, FACES));
                }
            }
        }
        return out;
    }

    /** Writes whether this JVM runs the oneDNN build, then {@link #compute()}, to the file {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[0])))) {
            List<float[][]> all = compute();
            out.writeBoolean(NativeBuild.oneDnnLoaded());
            out.writeInt(all.size());
            for (float[][] rows : all) {
                out.writeInt(rows.length);
                out.writeInt(rows[0].length);
                for (float[] row : rows) for (float v : row) out.writeFloat(v);
            }
        }
    }

    /** Reads what {@link #main} wrote: the build flag and the outputs. */
    static Written read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            boolean oneDnn = in.readBoolean();
            List<float[][]> all = new ArrayList<>();
            int count = in.readInt();
            for (int k = 0; k < count; k++) {
                float[][] rows = new float[in.readInt()][in.readInt()];
                for (float[] row : rows) for (int c = 0; c < row.length; c++) row[c] = in.readFloat();
                all.add(rows);
            }
            return new Written(oneDnn, all);
        }
    }
}
