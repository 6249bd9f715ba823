package io.fer.producer;

import io.fer.model.data.Usage;
import io.fer.producer.cluster.ClusterProbe;
import io.fer.producer.cluster.ClusterUnavailableException;
import io.fer.producer.cluster.ConnectionOptions;
import io.fer.producer.cluster.RegistryProbe;
import io.fer.producer.publish.FramePublisher;
import io.fer.producer.publish.ProgressLine;
import io.fer.producer.publish.RateLimiter;
import io.fer.producer.publish.RunSummary;
import io.fer.producer.source.CameraDevice;
import io.fer.producer.source.CsvFaceSource;
import io.fer.producer.source.FaceSource;
import io.fer.producer.source.ImageFolderSource;
import io.fer.producer.source.SourceUnavailableException;
import io.fer.producer.source.VideoSource;
import io.fer.producer.vision.DetectorSettings;
import io.fer.producer.vision.FaceFinder;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.Topics;
import io.fer.schemas.registry.SchemaRegistryClient;
import io.fer.schemas.serde.FerSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code fer produce}: publishes {@code FaceFrame} records, keyed by stream id, from a FER CSV, a folder of images,
 * video files or a camera. Ends with a summary (sent, failed, skipped and why).
 *
 * <p>Exit status: 0 when every frame read was sent, 1 when some send failed, 2 on bad usage, 3 when the broker,
 * topic or registry cannot be used (found within {@code --connect-timeout}), 4 when the input cannot be opened.
 */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Publish face frames to fer.frames from a FER CSV, a folder of images, "
                + "video files or a camera.")
public final class ProduceCommand implements Callable<Integer> {

    public static final int EXIT_SEND_FAILED = 1;
    public static final int EXIT_CLUSTER_UNAVAILABLE = 3;
    public static final int EXIT_SOURCE_UNAVAILABLE = 4;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Input (one of):%n")
    Input input;

    static final class Input {
        @Option(names = "--csv", paramLabel = "FILE",
                description = "A FER CSV (emotion,pixels,Usage: fer2013.csv or ferplus.csv, plain or .gz).")
        Path csv;

        @Option(names = "--images", paramLabel = "DIR", description = "A folder of PNG/JPEG images (searched recursively).")
        Path images;

        @Option(names = "--video", paramLabel = "FILE", arity = "1..*", description = "Video files, one stream each.")
        List<String> videos;

        @Option(names = "--camera", paramLabel = "DEVICE", description = "A camera device, e.g. /dev/video0 (or just 0).")
        String camera;
    }

    @ArgGroup(exclusive = false, heading = "CSV options:%n")
    CsvOptions csvOptions = new CsvOptions();

    static final class CsvOptions {
        @Option(names = "--votes", paramLabel = "FILE",
                description = "Microsoft's fer2013new.csv: label the --csv fer2013.csv faces by FER+ majority vote.")
        Path votes;

        @Option(names = "--usage", paramLabel = "USAGE", split = ",",
                description = "Only rows of these splits: Training, PublicTest, PrivateTest (default: all).")
        List<String> usages = new ArrayList<>();

        @Option(names = "--loop", description = "Start again at the end (until --count or Ctrl-C).")
        boolean loop;

        @Option(names = "--shuffle", description = "Random order (a new one on every loop).")
        boolean shuffle;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of --shuffle (default: ${DEFAULT-VALUE}).")
        long seed = 1;
    }

    @ArgGroup(exclusive = false, heading = "Images and video:%n")
    VisionOptions vision = new VisionOptions();

    static final class VisionOptions {
        private static final DetectorSettings DEFAULTS = DetectorSettings.defaults();

        @Option(names = "--fps", defaultValue = "5", description = "Video pictures sampled per second; 0 for all (default: ${DEFAULT-VALUE}).")
        double fps = 5;

        @Option(names = "--camera-format", defaultValue = "video4linux2",
                description = "FFmpeg input format of --camera (default: ${DEFAULT-VALUE}).")
        String cameraFormat = "video4linux2";

        @Option(names = "--cascade", split = ",", paramLabel = "NAME",
                description = "OpenCV cascades in the OpenCV jar that must agree on a face (default: ${DEFAULT-VALUE}).")
        List<String> cascades = new ArrayList<>(DEFAULTS.cascades());

        @Option(names = "--angles", split = ",", paramLabel = "DEGREES",
                description = "Extra rotations searched for tilted faces (default: ${DEFAULT-VALUE}; 0 for upright only).")
        List<Double> angles = new ArrayList<>(DEFAULTS.extraAngles());

        @Option(names = "--scale-factor", description = "Detection scale step (default: ${DEFAULT-VALUE}).")
        double scaleFactor = DEFAULTS.scaleFactor();

        @Option(names = "--min-neighbours", paramLabel = "N",
                description = "Neighbours each cascade must give a face to keep it (default: ${DEFAULT-VALUE}).")
        int minNeighbours = DEFAULTS.minNeighbours();

        @Option(names = "--min-neighbours-alone", paramLabel = "N",
                description = "Neighbours that keep a face one cascade alone found (default: ${DEFAULT-VALUE}).")
        int minNeighboursAlone = DEFAULTS.minNeighboursAlone();

        @Option(names = "--min-face", paramLabel = "PIXELS", description = "Smallest face side (default: ${DEFAULT-VALUE}).")
        int minFace = DEFAULTS.minFaceSize();

        @Option(names = "--margin", description = "Context kept around a face, fraction of its side (default: ${DEFAULT-VALUE}).")
        double margin = DEFAULTS.margin();
    }

    @Option(names = "--stream-id", description = "Stream id of the frames (default: from the input, e.g. dataset:ferplus.csv.gz).")
    String streamId;

    @Option(names = "--topic", defaultValue = Topics.FRAMES, description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic = Topics.FRAMES;

    @Option(names = "--rate", paramLabel = "FRAMES/S", defaultValue = "0", description = "Send at most this many frames per second; 0 for no limit.")
    double rate;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N frames; 0 for no limit.")
    long count;

    @Option(names = "--no-progress", description = "Do not print the progress line.")
    boolean noProgress;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<Usage> usages;
        FaceFinder finder;
        try {
            usages = parseUsages(csvOptions.usages);
            finder = input.csv == null ? faceFinder() : null;
        } catch (IllegalArgumentException e) {
            err.println("fer produce: " + e.getMessage());
            return 2;
        }
        try {
            return run(usages, finder, out, err);
        } finally {
            if (finder != null) finder.close();
        }
    }

    private int run(Set<Usage> usages, FaceFinder finder, PrintWriter out, PrintWriter err) {
        String camera = input.camera == null ? null : CameraDevice.resolve(input.camera);
        try {
            // before connecting: a missing camera is a local mistake, reported as such even without a cluster
            if (camera != null) CameraDevice.requirePresent(camera);
        } catch (SourceUnavailableException e) {
            err.println("fer produce: " + e.getMessage());
            return EXIT_SOURCE_UNAVAILABLE;
        }
        ClusterConfig cluster = connection.clusterConfig();
        SchemaRegistryClient registry;
        try {
            ClusterProbe.requireTopic(cluster, topic, connection.connectTimeout());
            registry = RegistryProbe.requireValueSchema(cluster, topic, FaceFrame.getClassSchema(), connection.connectTimeout());
        } catch (ClusterUnavailableException e) {
            err.println("fer produce: " + e.getMessage());
            return EXIT_CLUSTER_UNAVAILABLE;
        }
        try {
            RunSummary summary = publish(sources(usages, camera, finder), cluster, registry, err);
            summary.print(out, "fer produce to " + topic);
            return summary.failed() > 0 ? EXIT_SEND_FAILED : 0;
        } catch (SourceUnavailableException e) {
            err.println("fer produce: " + e.getMessage());
            return EXIT_SOURCE_UNAVAILABLE;
        }
    }

    /** Runs the sources one after the other into one publisher; Ctrl-C stops the run and still prints the summary. */
    private RunSummary publish(List<FaceSource> sources, ClusterConfig cluster, SchemaRegistryClient registry, PrintWriter err)
            throws SourceUnavailableException {
        KafkaProducer<String, FaceFrame> producer = new KafkaProducer<>(producerSettings(cluster),
                new StringSerializer(), FerSerdes.faceFrame(registry).serializer());
        ProgressLine progress = noProgress ? null : new ProgressLine(err, System.console() != null);
        FramePublisher publisher = new FramePublisher(producer, topic, new RateLimiter(rate), count, err, progress);
        StopOnSignal stop = new StopOnSignal("fer-produce-stop", publisher::requestStop, Duration.ofSeconds(40));
        try {
            for (FaceSource source : sources) {
                if (publisher.stopped()) break;
                source.run(publisher);
            }
        } finally {
            publisher.close();
            stop.close();
        }
        return publisher.summary();
    }

    private List<FaceSource> sources(Set<Usage> usages, String camera, FaceFinder finder) {
        if (input.csv != null) {
            var settings = new CsvFaceSource.Settings(input.csv, csvOptions.votes, usages, csvOptions.loop,
                    csvOptions.shuffle, csvOptions.seed);
            return List.of(new CsvFaceSource(settings, streamId != null ? streamId : CsvFaceSource.defaultStreamId(input.csv)));
        }
        if (input.images != null) {
            return List.of(new ImageFolderSource(input.images,
                    streamId != null ? streamId : ImageFolderSource.defaultStreamId(input.images), finder));
        }
        List<VideoSource.Settings> videos = camera != null
                ? List.of(new VideoSource.Settings(camera, vision.cameraFormat, vision.fps))
                : input.videos.stream().map(v -> new VideoSource.Settings(v, null, vision.fps)).toList();
        return videos.stream().<FaceSource>map(v ->
                new VideoSource(v, streamId != null ? streamId : VideoSource.defaultStreamId(v), finder)).toList();
    }

    /** The finder of the vision options; IllegalArgumentException on a bad setting or a cascade the jar lacks. */
    private FaceFinder faceFinder() {
        return FaceFinder.load(new DetectorSettings(vision.cascades, vision.angles, vision.scaleFactor, vision.minFace,
                vision.minNeighbours, vision.minNeighboursAlone, vision.margin));
    }

    private Map<String, Object> producerSettings(ClusterConfig cluster) {
        Map<String, Object> settings = cluster.asMap();
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "fer-produce");
        // send() blocks at most this long for metadata or buffer space if the cluster goes away mid-run
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(connection.connectTimeout().toMillis()));
        return settings;
    }

    private static Set<Usage> parseUsages(List<String> names) {
        Set<Usage> usages = EnumSet.noneOf(Usage.class);
        for (String name : names) usages.add(Usage.parse(name));
        return usages;
    }
}
