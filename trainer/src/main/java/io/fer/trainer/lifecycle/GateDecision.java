package io.fer.trainer.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fer.model.bundle.ModelRepository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The release gate's verdict on a challenger, kept as {@code gate.json} beside its bundle.
 *
 * @param model            model name
 * @param challenger       the challenger's version
 * @param champion         the champion's version, null when there was none
 * @param metric           {@code accuracy} or {@code macro_f1}
 * @param tolerance        how much worse than the champion the challenger may be
 * @param challengerScore  the challenger's metric on the evaluation set
 * @param championScore    the champion's, null when there was none
 * @param challengerMetrics the challenger's accuracy and macro-F1
 * @param championMetrics  the champion's, null when there was none
 * @param evaluationSet    file, sha256, split and size of the evaluation set
 * @param passed           true when the challenger may be released
 * @param reason           the comparison in words
 * @param decidedAt        ISO-8601 instant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateDecision(
        String model,
        String challenger,
        String champion,
        String metric,
        double tolerance,
        @JsonProperty("challenger_score") double challengerScore,
        @JsonProperty("champion_score") Double championScore,
        @JsonProperty("challenger_metrics") Map<String, Double> challengerMetrics,
        @JsonProperty("champion_metrics") Map<String, Double> championMetrics,
        @JsonProperty("evaluation_set") Map<String, Object> evaluationSet,
        boolean passed,
        String reason,
        @JsonProperty("decided_at") String decidedAt) {

    /** The file name beside the bundle. */
    public static final String FILE = ModelRepository.GATE_FILE;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes {@code gate.json} into the bundle directory. */
    public void write(Path bundleDir) throws IOException {
        Path tmp = bundleDir.resolve(FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, bundleDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The decision kept beside a bundle, if the gate has judged it. */
    public static Optional<GateDecision> read(Path bundleDir) throws IOException {
        Path file = bundleDir.resolve(FILE);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(file.toFile(), GateDecision.class));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " is not a valid gate decision: " + e.getOriginalMessage(), e);
        }
    }

    /** One line for logs and listings. */
    public String summary() {
        return String.format(Locale.ROOT, "%s %s:%s (%s %.4f%s)", passed ? "passed" : "refused", model, challenger,
                metric, challengerScore, champion == null ? ", no champion"
                        : String.format(Locale.ROOT, " vs champion %s %.4f, tolerance %.4f", champion, championScore, tolerance));
    }
}
