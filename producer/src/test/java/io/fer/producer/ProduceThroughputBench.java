package io.fer.producer;

import io.fer.producer.testdata.CommandRun;
import io.fer.producer.testdata.DatasetFaces;
import io.fer.producer.testdata.SharedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Replays {@code ferplus.csv.gz} through {@code fer produce} into the in-process stack as fast as it goes and prints
 * frames per second (reading the CSV included). Not part of the normal test run:
 * <pre>
 * mvn -o -q -pl producer test -Dtest=ProduceThroughputBench -Dfer.bench=true [-Dbench.frames=50000]
 * </pre>
 */
@EnabledIfSystemProperty(named = "fer.bench", matches = "true")
class ProduceThroughputBench {

    @Test
    void csvReplayThroughput() {
        int frames = Integer.getInteger("bench.frames", 50_000);
        String topic = SharedStack.newTopic("throughput", 4);
        String csv = DatasetFaces.dataDir().resolve("ferplus.csv.gz").toString();
        long start = System.nanoTime();
        CommandRun run = CommandRun.run(new ProduceCommand(),
                ProduceCsvTest.args("--csv", csv, "--topic", topic, "--loop", "--count", String.valueOf(frames)));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.print(run.out());
        System.out.printf("fer produce --csv ferplus.csv.gz: %d frames in %.1f s, %.0f frames/s (exit %d)%n",
                frames, seconds, frames / seconds, run.exitCode());
    }
}
