package io.fer.cli.faults;

import io.fer.cli.pipeline.PipelineCluster;
import io.fer.processor.topology.FrameValidator;
import io.fer.schemas.serde.FerSerdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind of malformed record, checked by the processor's own validator against a real registry: it is rejected
 * with the reason the kind promises, for several instances of the kind.
 */
class MalformedRecordsTest {
    private static final String TOPIC = "malformed.frames";
    private static final int LIMIT = 64 * 1024;
    private static PipelineCluster cluster;
    private static MalformedRecords records;
    private static FrameValidator validator;

    @BeforeAll
    static void start() {
        cluster = PipelineCluster.start();
        Map<String, Object> serde = cluster.clusterConfig().asMap();
        records = new MalformedRecords(FerSerdes.faceFrame(serde).serializer(), TOPIC, LIMIT, 7);
        validator = new FrameValidator(FerSerdes.faceFrame(serde).deserializer());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @ParameterizedTest
    @EnumSource(MalformedRecords.Kind.class)
    void eachKindIsRejectedForItsReason(MalformedRecords.Kind kind) {
        for (long i = 0; i < 6; i++) {
            byte[] value = records.value(kind, i);
            FrameValidator.Outcome outcome = validator.validate(TOPIC, value);
            FrameValidator.Rejected rejected = assertInstanceOf(FrameValidator.Rejected.class, outcome,
                    kind + " #" + i + " was accepted");
            assertEquals(kind.expected(), rejected.reason(), kind + " #" + i + ": " + rejected.detail());
        }
    }

    @ParameterizedTest
    @EnumSource(value = MalformedRecords.Kind.class, names = "NEAR_SIZE_LIMIT")
    void nearLimitValuesFillTheTopicUpToTheMargin(MalformedRecords.Kind kind) {
        int size = records.value(kind, 1).length;
        assertTrue(size <= LIMIT - MalformedRecords.SIZE_MARGIN, "at most the limit minus the margin: " + size);
        assertTrue(size > LIMIT - MalformedRecords.SIZE_MARGIN - 16, "within a few bytes of it: " + size);
    }

    @ParameterizedTest
    @EnumSource(value = MalformedRecords.Kind.class, names = {"RANDOM_BYTES", "TRUNCATED_AVRO"})
    void theSameSeedAndIndexGiveTheSameBytes(MalformedRecords.Kind kind) {
        assertArrayEquals(records.value(kind, 3), records.value(kind, 3));
    }
}
