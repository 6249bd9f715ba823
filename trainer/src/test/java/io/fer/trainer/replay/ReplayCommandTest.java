package io.fer.trainer.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fer.model.Emotions;
import io.fer.model.Engines;
import io.fer.model.InferenceModel;
import io.fer.model.NetworkSpec;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.data.EmotionCsvReader;
import io.fer.model.data.FaceSet;
import io.fer.model.data.Usage;
import io.fer.ops.stack.LocalStack;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.serde.FerSerdes;
import io.fer.trainer.CommandErrors;
import io.fer.trainer.DataSpec;
import io.fer.trainer.EvaluateCommand;
import io.fer.trainer.Evaluation;
import io.fer.trainer.Predictions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fer replay} on a real broker and registry: 300 PublicTest faces of ferplus.csv.gz produced as labelled
 * {@code FaceFrame}s (then unlabelled frames and bad records), replayed through the shipped models and compared with
 * {@code fer evaluate} and direct computations on the same CSV rows.
 */
class ReplayCommandTest {
    private static final String TOPIC = "replay.labelled";
    private static final int ROWS = 300;
    private static final int UNLABELLED = 5;
    /** Record timestamps: row i at T0 + i seconds. */
    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final Path MODELS = Path.of("..", "models");
    private static final String CHAMPION = "lenet7-ferplus:1.0.0";
    private static final String CANDIDATE = "cliquenet-ferplus:1.0.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static LocalStack stack;
    static FaceSet faces;

    @BeforeAll
    static void produceLabelledFrames() throws Exception {
        faces = EmotionCsvReader.ferPlus().read(DataSpec.sharedFile("ferplus.csv.gz"), Set.of(Usage.PUBLIC_TEST))
                .faces().head(ROWS);
        stack = LocalStack.start(LocalStack.Settings.ephemeral());
        stack.broker().createTopic(TOPIC, 1, Map.of());
        Serializer<FaceFrame> frames = FerSerdes.faceFrame(Map.of(ClusterConfig.SCHEMA_REGISTRY_URL,
                stack.schemaRegistryUrl())).serializer();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < ROWS; i++) {
                send(producer, i, frames.serialize(TOPIC, frame("row-" + i, faces.pixels(i), faces.label(i))));
            }
            for (int i = 0; i < UNLABELLED; i++) {
                send(producer, ROWS + i, frames.serialize(TOPIC, frame("live-" + i, faces.pixels(i), null)));
            }
            send(producer, ROWS + UNLABELLED, "not avro".getBytes()); // offset 305
            send(producer, ROWS + UNLABELLED + 1, frames.serialize(TOPIC, FaceFrame.newBuilder(
                    frame("big", new byte[64 * 64], 3)).setWidth(64).setHeight(64).build())); // offset 306
            producer.flush();
        }
    }

    private static FaceFrame frame(String id, byte[] pixels, Integer label) {
        return FaceFrame.newBuilder().setFrameId(id).setStreamId("dataset:ferplus.csv.gz")
                .setCaptureTimestamp(T0).setWidth(NetworkSpec.SIDE).setHeight(NetworkSpec.SIDE)
                .setPixels(ByteBuffer.wrap(pixels)).setGroundTruthLabel(label).build();
    }

    private static void send(KafkaProducer<String, byte[]> producer, int i, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, 0, T0.plusSeconds(i).toEpochMilli(), "dataset", value)).get();
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    private record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            assertEquals(0, code, "exit code; stderr: " + err);
            return JSON.readTree(out);
        }
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CommandErrors.commandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run replay(String... args) {
        return replayOn(TOPIC, stack.bootstrapServers(), stack.schemaRegistryUrl(), args);
    }

    private static Run replayOn(String topic, String bootstrapServers, String registryUrl, String... args) {
        List<String> all = new ArrayList<>(List.of("--topic", topic, "--models-dir", MODELS.toString(),
                "--bootstrap-servers", bootstrapServers, "--schema-registry-url", registryUrl));
        all.addAll(List.of(args));
        return run(new ReplayCommand(), all.toArray(String[]::new));
    }

    /** The evaluation of {@code bundle} on rows {@code from..to-1}, computed directly from the CSV's faces. */
    private static int[] predictions(String model, int from, int to) throws IOException {
        ModelBundle bundle = ModelBundle.load(MODELS.resolve(model.replace(':', '/')));
        FaceSet rows = faces.subset(IntStream.range(from, to).toArray());
        try (InferenceModel m = bundle.open(Engines.byName("nd4j"))) {
            return Predictions.predict(m, bundle.preprocessor(), rows);
        }
    }

    private static int[] truth(int from, int to) {
        return IntStream.range(from, to).map(faces::label).toArray();
    }

    private static long[][] confusion(JsonNode j) {
        long[][] out = new long[j.size()][];
        for (int t = 0; t < j.size(); t++) {
            out[t] = new long[j.get(t).size()];
            for (int p = 0; p < out[t].length; p++) out[t][p] = j.get(t).get(p).asLong();
        }
        return out;
    }

    @Test
    void replayingTheTopicReproducesFerEvaluateOnTheSameRowsExactly() throws Exception {
        Path csv = dir.resolve("rows.csv");
        StringBuilder rows = new StringBuilder("emotion,pixels,Usage\n");
        for (int i = 0; i < ROWS; i++) {
            byte[] p = faces.pixels(i);
            rows.append(faces.label(i)).append(',').append(IntStream.range(0, p.length)
                    .mapToObj(k -> Integer.toString(p[k] & 0xff)).collect(Collectors.joining(" "))).append(",PublicTest\n");
        }
        Files.writeString(csv, rows);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            // A processor's committed position, which a replay must not move (nor add a group of its own).
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            admin.alterConsumerGroupOffsets("fer-processor", Map.of(tp, new OffsetAndMetadata(42))).all().get();

            JsonNode replayed = replay("--model", CHAMPION, "--json").json();
            JsonNode evaluated = run(new EvaluateCommand(), "--model", MODELS.resolve("lenet7-ferplus/1.0.0").toString(),
                    "--data", csv.toString(), "--json").json();

            for (Iterator<String> keys = evaluated.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                assertTrue(replayed.has(key), "fer replay --json has fer evaluate's key " + key);
                if (!key.equals("data") && !key.equals("seconds")) assertEquals(evaluated.get(key), replayed.get(key), key);
            }
            assertEquals(ROWS, replayed.get("n").asInt());
            System.out.printf("replay: accuracy %.4f on %d frames, fer evaluate %.4f on the same %d CSV rows%n",
                    replayed.get("accuracy").asDouble(), ROWS, evaluated.get("accuracy").asDouble(), ROWS);
            JsonNode r = replayed.get("replay");
            assertEquals(ROWS + UNLABELLED + 2, r.get("records").asInt());
            assertEquals(UNLABELLED, r.get("unlabelled").asInt(), "frames without a label are counted, not evaluated");
            assertEquals(2, r.get("bad_records").asInt());
            assertEquals(ROWS + UNLABELLED, r.get("bad").get(0).get("offset").asLong());
            assertTrue(r.get("bad").get(0).get("reason").asText().startsWith("not a FaceFrame"), r.toString());
            assertEquals(ROWS + UNLABELLED + 1, r.get("bad").get(1).get("offset").asLong());
            assertTrue(r.get("bad").get(1).get("reason").asText().contains("64x64"), r.toString());

            assertEquals(42, admin.listConsumerGroupOffsets("fer-processor").partitionsToOffsetAndMetadata().get()
                    .get(tp).offset(), "the processor's offset stays where it was");
            assertEquals(Set.of("fer-processor"), admin.listGroups().all().get().stream().map(g -> g.groupId())
                    .collect(Collectors.toSet()), "the replay joined no group");
        }
    }

    @Test
    void vsReportsBothVersionsAndTheFramesWhereTheyDisagree() throws Exception {
        int from = 50;
        int to = 150;
        JsonNode j = replay("--model", CHAMPION, "--vs", CANDIDATE, "--from", String.valueOf(from),
                "--to", String.valueOf(to), "--json").json();
        int[] truth = truth(from, to);
        int[] a = predictions(CHAMPION, from, to);
        int[] b = predictions(CANDIDATE, from, to);
        int disagree = 0;
        int onlyA = 0;
        int onlyB = 0;
        for (int i = 0; i < truth.length; i++) {
            if (a[i] == b[i]) continue;
            disagree++;
            if (a[i] == truth[i]) onlyA++;
            if (b[i] == truth[i]) onlyB++;
        }
        assertEquals(disagree, j.get("disagreements").asInt());
        assertEquals(onlyA, j.get("only_model_right").asInt());
        assertEquals(onlyB, j.get("only_vs_right").asInt());
        List<String> classes = Emotions.FER_PLUS;
        for (var side : List.of(Map.entry("model", a), Map.entry("vs", b))) {
            JsonNode e = j.get(side.getKey());
            Evaluation direct = new Evaluation(classes, truth, side.getValue());
            assertEquals(direct.accuracy(), e.get("accuracy").asDouble(), side.getKey());
            assertEquals(to - from, e.get("n").asInt());
            assertArrayEquals(direct.confusion(), confusion(e.get("confusion_matrix")));
        }
        assertEquals("lenet7-ferplus/1.0.0", j.get("model").get("model").asText());
        assertEquals("cliquenet-ferplus/1.0.0", j.get("vs").get("model").asText());
        System.out.printf("replay --vs on rows %d..%d: %s %.4f, %s %.4f, %d disagreements (%d / %d one-sided)%n", from,
                to - 1, CHAMPION, j.get("model").get("accuracy").asDouble(), CANDIDATE,
                j.get("vs").get("accuracy").asDouble(), disagree, onlyA, onlyB);
    }

    @Test
    void aTimeRangeReplaysTheFramesWrittenInIt() throws Exception {
        JsonNode j = replay("--model", CHAMPION, "--from", T0.plusSeconds(100).toString(),
                "--to", "2026-11-28T13:03:20+01:00", "--json").json(); // T0 + 200 s
        assertEquals(100, j.get("n").asInt());
        JsonNode partitions = j.get("replay").get("partitions");
        assertEquals(1, partitions.size());
        assertEquals(100, partitions.get(0).get("from").asLong(), "the first record at or after the --from time");
        assertEquals(200, partitions.get(0).get("to").asLong(), "the first record at or after the --to time");
        Evaluation direct = new Evaluation(Emotions.FER_PLUS, truth(100, 200), predictions(CHAMPION, 100, 200));
        assertEquals(direct.accuracy(), j.get("accuracy").asDouble());
        assertArrayEquals(direct.confusion(), confusion(j.get("confusion_matrix")));

        Run table = replay("--model", CHAMPION, "--from", T0.plusSeconds(100).toString(), "--to", "200");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().startsWith("replay of " + TOPIC + ": [partition 0 [100, 200)]\n100 records: 100 labelled "
                + "frames evaluated, 0 without a label, 0 bad\n"), table.out());
        assertTrue(table.out().contains(direct.toTable()), table.out());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwoOrThree() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Object[][] cases = {
                {2, "unknown model lenet7-ferplus:9.9", new String[] {"--model", "lenet7-ferplus:9.9"}},
                {2, "nothing to replay", new String[] {"--model", CHAMPION, "--from", "10", "--to", "10"}},
                {2, "has no partition 5", new String[] {"--model", CHAMPION, "--from", "5:0"}},
                {2, "neither an offset", new String[] {"--model", CHAMPION, "--from", "yesterday"}},
                {2, "no labelled frames", new String[] {"--model", CHAMPION, "--from", String.valueOf(ROWS)}},
        };
        for (Object[] c : cases) {
            Run r = replay((String[]) c[2]);
            String what = String.join(" ", (String[]) c[2]) + " -> " + r.err();
            assertEquals(c[0], r.code(), what);
            assertTrue(r.err().contains((String) c[1]), what);
            assertEquals(1, r.err().strip().lines().count(), "one line: " + what);
        }
        Run missing = replayOn("no.such.topic", stack.bootstrapServers(), stack.schemaRegistryUrl(), "--model", CHAMPION);
        assertEquals(2, missing.code(), missing.err());
        assertEquals("replay: topic no.such.topic does not exist", missing.err().strip());

        Run brokerDown = replayOn(TOPIC, "127.0.0.1:" + closedPort, stack.schemaRegistryUrl(), "--model", CHAMPION,
                "--connect-timeout", "2");
        assertEquals(3, brokerDown.code(), brokerDown.err());
        assertEquals("replay: no Kafka broker answered at 127.0.0.1:" + closedPort + " within 2 s; is the cluster running "
                + "(fer stack)?", brokerDown.err().strip());

        Run registryDown = replayOn(TOPIC, stack.bootstrapServers(), "http://127.0.0.1:" + closedPort, "--model", CHAMPION,
                "--connect-timeout", "2");
        assertEquals(3, registryDown.code(), registryDown.err());
        assertTrue(registryDown.err().startsWith("replay: cannot read the frames' schema from the registry"),
                registryDown.err());
        assertEquals(1, registryDown.err().strip().lines().count(), registryDown.err());
    }
}
