package io.fer.trainer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fer.model.Tensor;
import io.fer.model.TrainableNetwork;
import io.fer.model.bundle.SafeTensors;
import io.fer.model.preprocess.Normalisation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training run's checkpoint in its run directory, written after every epoch: {@code checkpoint.safetensors}
 * (weights and optimiser state), {@code best.safetensors} (the best epoch's weights) and {@code checkpoint.json}
 * (progress). {@code --resume} continues from it after a kill.
 */
final class Checkpoint {

    static final String STATE = "checkpoint.json";
    static final String WEIGHTS = "checkpoint.safetensors";
    static final String BEST = "best.safetensors";
    private static final String OPTIMISER_PREFIX = "optimiser/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Progress of a run.
     *
     * @param epochsDone    completed epochs
     * @param bestEpoch     1-based epoch with the best PublicTest accuracy (0 if none yet)
     * @param bestAccuracy  that accuracy
     * @param bestConfusion that epoch's PublicTest confusion matrix
     * @param normalisation the input normalisation in use
     * @param history       one record per completed epoch
     * @param seconds       training time so far
     */
    record State(@JsonProperty("epochs_done") int epochsDone,
                 @JsonProperty("best_epoch") int bestEpoch,
                 @JsonProperty("best_accuracy") double bestAccuracy,
                 @JsonProperty("best_confusion") long[][] bestConfusion,
                 Normalisation normalisation,
                 List<EpochRecord> history,
                 double seconds) {
    }

    private Checkpoint() {
    }

    static boolean exists(Path runDir) {
        return Files.isRegularFile(runDir.resolve(STATE)) && Files.isRegularFile(runDir.resolve(WEIGHTS));
    }

    /** Saves the state, the network with its optimiser, and (if this epoch is the best) the best weights. */
    static void save(Path runDir, State state, TrainableNetwork net, boolean best) throws IOException {
        Files.createDirectories(runDir);
        Map<String, Tensor> weights = net.weights();
        Map<String, Tensor> all = new LinkedHashMap<>(weights);
        net.optimiserState().forEach((k, v) -> all.put(OPTIMISER_PREFIX + k, v));
        writeAtomically(runDir.resolve(WEIGHTS), all);
        if (best) writeAtomically(runDir.resolve(BEST), weights);
        Path tmp = runDir.resolve(STATE + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
        Files.move(tmp, runDir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static State readState(Path runDir) throws IOException {
        return JSON.readValue(runDir.resolve(STATE).toFile(), State.class);
    }

    /** The checkpointed weights (without optimiser state). */
    static Map<String, Tensor> weights(Path runDir) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        SafeTensors.read(runDir.resolve(WEIGHTS)).tensors().forEach((k, v) -> {
            if (!k.startsWith(OPTIMISER_PREFIX)) out.put(k, v);
        });
        return out;
    }

    /** The checkpointed optimiser state. */
    static Map<String, Tensor> optimiserState(Path runDir) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        SafeTensors.read(runDir.resolve(WEIGHTS)).tensors().forEach((k, v) -> {
            if (k.startsWith(OPTIMISER_PREFIX)) out.put(k.substring(OPTIMISER_PREFIX.length()), v);
        });
        return out;
    }

    /** The best epoch's weights. */
    static Map<String, Tensor> best(Path runDir) throws IOException {
        return SafeTensors.read(runDir.resolve(BEST)).tensors();
    }

    /** Writes tensors to a temporary file and moves it over {@code file}, so a kill never leaves half a file. */
    static void writeAtomically(Path file, Map<String, Tensor> tensors) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        SafeTensors.write(tmp, tensors, Map.of());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
