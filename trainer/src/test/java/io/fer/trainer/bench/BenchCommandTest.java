package io.fer.trainer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fer.model.Architecture;
import io.fer.model.NetworkSpec;
import io.fer.trainer.BenchCommand;
import io.fer.trainer.CommandErrors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fer bench model} end to end on a tiny configuration: what it reports, not how fast anything is. */
class BenchCommandTest {

    @Test
    void jsonRowsCarryGflopsAndShareOfTheMeasuredPeak() throws Exception {
        StringWriter out = new StringWriter();
        int code = command(out).execute("--engines", "nd4j", "--models", "lenet7", "--infer-batches", "1,2",
                "--train-batches", "2", "--rounds", "1", "--train-rounds", "1", "--seconds", "0.01",
                "--peak-size", "64", "--json");
        assertEquals(0, code);
        JsonNode result = new ObjectMapper().readTree(out.toString());
        double peak = result.get("sgemm_gflops").get("nd4j").asDouble();
        assertTrue(peak > 0, "a matrix-multiply rate was measured");
        JsonNode rows = result.get("rows");
        assertEquals(3, rows.size(), "one training and two inference rows");
        assertEquals("train", rows.get(0).get("phase").asText());
        double forward = MacCount.forwardFlops(new NetworkSpec(Architecture.LENET7, 8));
        for (JsonNode row : rows) {
            double flops = row.get("phase").asText().equals("train") ? 3 * forward : forward;
            double expected = row.get("imagesPerSecond").asDouble() * flops / 1e9;
            assertEquals(expected, row.get("gflops").asDouble(), 1e-9 * expected);
            assertEquals(100 * expected / peak, row.get("percentOfPeak").asDouble(), 1e-6 * expected / peak);
        }
    }

    @Test
    void aBadBatchSizeIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cl = command(new StringWriter());
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("--engines", "nd4j", "--infer-batches", "-1"));
        assertTrue(err.toString().contains("batch sizes must be >= 1"), err.toString());
    }

    private static CommandLine command(StringWriter out) {
        CommandLine cl = new CommandLine(new BenchCommand()).setExecutionExceptionHandler(new CommandErrors());
        cl.setOut(new PrintWriter(out));
        return cl;
    }
}
