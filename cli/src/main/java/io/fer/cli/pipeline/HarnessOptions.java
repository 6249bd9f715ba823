package io.fer.cli.pipeline;

import io.fer.model.bundle.ModelRepository;
import io.fer.model.data.Usage;
import io.fer.processor.config.ProcessorConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the pipeline benchmark and the fault suite share on their command lines: the faces replayed, the model
 * served, partitions and stream ids, extra processor settings and the output format. A picocli mixin.
 */
public final class HarnessOptions {

    @Option(names = "--data", paramLabel = "CSV",
            description = "FER CSV whose PublicTest faces are replayed (default: ../shared/data/fer/ferplus.csv.gz "
                    + "beside the project).")
    Path data;

    @Option(names = "--model-repository", paramLabel = "DIR",
            description = "Model repository the processor serves from (default: models/ in the project).")
    Path repository;

    @Option(names = "--model-name", defaultValue = "cliquenet-ferplus",
            description = "Model served: its newest bundle in the repository (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--partitions", defaultValue = "4",
            description = "Partitions of each run's frames and events topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--streams", defaultValue = "8",
            description = "Stream ids (record keys) the frames are spread over (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any processor or Kafka Streams setting, e.g. -s num.stream.threads=2.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Option(names = "--markdown", description = "Print the results as Markdown tables.")
    boolean markdown;

    private FaceReplay faces;

    /** The project directory: {@code fer.home}, set by the launcher, else the working directory. */
    static Path home() {
        return Path.of(System.getProperty("fer.home", ".")).toAbsolutePath().normalize();
    }

    public Path repository() {
        return repository != null ? repository : home().resolve("models");
    }

    public String modelName() {
        return modelName;
    }

    public int partitions() {
        return partitions;
    }

    public int streams() {
        return streams;
    }

    public boolean json() {
        return json;
    }

    public boolean markdown() {
        return markdown;
    }

    /**
     * The directory of the bundle served: the newest version of {@link #modelName()} in the repository.
     *
     * @throws IllegalArgumentException when there is none
     */
    public Path bundle() throws IOException {
        return new ModelRepository(repository()).newest(modelName)
                .orElseThrow(() -> new IllegalArgumentException("no bundle of model '" + modelName + "' in "
                        + repository() + " (give another with --model-repository / --model-name)"))
                .directory();
    }

    /** The PublicTest faces of the data file, read once. */
    public synchronized FaceReplay faces() throws IOException {
        if (faces == null) {
            faces = FaceReplay.load(data != null ? data : home().resolve("../shared/data/fer/ferplus.csv.gz").normalize(),
                    Usage.PUBLIC_TEST);
        }
        return faces;
    }

    /** A run's processor configuration on the cluster, with the model and the extra settings of the command line. */
    public ProcessorConfig processorConfig(PipelineCluster cluster, String run, RunTopics topics) {
        ProcessorConfig config = cluster.processorConfig(run, topics, repository(), modelName);
        for (Map.Entry<String, String> e : settings.entrySet()) config = config.with(e.getKey(), e.getValue());
        return config;
    }

    /** Checks the numbers. */
    public void validate() {
        if (partitions < 1) throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        if (streams < 1) throw new IllegalArgumentException("--streams must be at least 1, got " + streams);
    }
}
