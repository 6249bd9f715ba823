package io.fer.processor.batch;

import io.fer.model.InferenceModel;
import io.fer.model.NetworkSpec;
import io.fer.processor.Fixtures;
import io.fer.processor.metrics.ProcessorMetrics;
import io.fer.processor.model.ModelSlot;
import io.fer.processor.model.ServingModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedInferenceTest {

    /** The real network, with the first forward pass held until the test releases it. */
    private static final class HeldFirstPass implements InferenceModel {
        final InferenceModel real;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        boolean first = true;

        HeldFirstPass(InferenceModel real) {
            this.real = real;
        }

        @Override
        public NetworkSpec spec() {
            return real.spec();
        }

        @Override
        public float[][] predict(float[] input, int batch) {
            if (first) {
                first = false;
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return real.predict(input, batch);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    /** A network that fails every forward pass, as a broken candidate would. */
    private static final class Failing implements InferenceModel {
        final InferenceModel real;

        Failing(InferenceModel real) {
            this.real = real;
        }

        @Override
        public NetworkSpec spec() {
            return real.spec();
        }

        @Override
        public float[][] predict(float[] input, int batch) {
            throw new IllegalStateException("candidate out of memory");
        }

        @Override
        public void close() {
            real.close();
        }
    }

    private static List<PendingFrame> batch(int from, int n) {
        List<PendingFrame> frames = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            frames.add(new PendingFrame(i, "f" + i, "s", 0, 0, System.currentTimeMillis(), null, Fixtures.face(i)));
        }
        return frames;
    }

    @Test
    void batchesWaitingTogetherShareOneForwardPassAndGetTheirOwnRows() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ProcessorMetrics metrics = new ProcessorMetrics(meters);
        ServingModel loaded = Fixtures.servingModel("1", 3);
        HeldFirstPass held = new HeldFirstPass(loaded.model());
        ServingModel model = new ServingModel(loaded.name(), loaded.version(), held, loaded.preprocessor(),
                loaded.classes());
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (ModelSlot slot = new ModelSlot(metrics); SharedInference inference = new SharedInference(slot, metrics)) {
            slot.offer(model);
            Future<BatchResult> a = threads.submit(() -> inference.infer(batch(0, 4)));
            held.entered.await();
            List<Thread> waiting = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(2);
            List<CompletableFuture<BatchResult>> merged = new ArrayList<>();
            for (int[] range : new int[][]{{100, 3}, {200, 5}}) {
                CompletableFuture<BatchResult> f = new CompletableFuture<>();
                merged.add(f);
                Thread t = new Thread(() -> {
                    started.countDown();
                    try {
                        f.complete(inference.infer(batch(range[0], range[1])));
                    } catch (Exception e) {
                        f.completeExceptionally(e);
                    }
                });
                waiting.add(t);
                t.start();
            }
            started.await();
            // Both stream threads are parked waiting for their results, so both batches are queued.
            for (Thread t : waiting) while (t.getState() != Thread.State.WAITING) Thread.onSpinWait();
            held.release.countDown();

            BatchResult first = a.get();
            BatchResult b = merged.get(0).get();
            BatchResult c = merged.get(1).get();
            assertNotEquals(first.passId(), b.passId());
            assertEquals(b.passId(), c.passId(), "the two queued batches ran in one forward pass");
            assertEquals(3, b.probabilities().length);
            assertEquals(5, c.probabilities().length);
            assertSame(b.model(), c.model());
            float[][] direct = loaded.predict(batch(200, 5).stream().map(PendingFrame::pixels).toList());
            for (int i = 0; i < 5; i++) {
                for (int k = 0; k < direct[i].length; k++) assertEquals(direct[i][k], c.probabilities()[i][k], 1e-5f);
            }
            var passes = meters.get("fer.processor.forward.pass.size").summary();
            assertEquals(2, passes.count());
            assertEquals(12.0, passes.totalAmount());
            assertEquals(8.0, passes.max());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aShadowModelClassifiesTheSameFacesAfterTheServingModel() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ProcessorMetrics metrics = new ProcessorMetrics(meters);
        List<byte[]> faces = batch(0, 6).stream().map(PendingFrame::pixels).toList();
        try (ServingModel champion = Fixtures.servingModel("1", 3);
             ServingModel candidate = Fixtures.servingModel("2", 4);
             ModelSlot slot = new ModelSlot(metrics);
             SharedInference inference = new SharedInference(slot, candidate, metrics)) {
            slot.offer(Fixtures.servingModel("1", 3));
            BatchResult result = inference.infer(batch(0, 6));
            assertEquals("1", result.model().version());
            assertEquals("2", result.shadow().model().version());
            assertEquals(result.passId(), result.shadow().passId());
            float[][] servingRows = champion.predict(faces);
            float[][] candidateRows = candidate.predict(faces);
            int disagreements = 0;
            for (int i = 0; i < faces.size(); i++) {
                assertArrayEquals(servingRows[i], result.probabilities()[i], "the serving model's rows are its own");
                assertArrayEquals(candidateRows[i], result.shadow().probabilities()[i], "the candidate's rows");
                if (argMax(servingRows[i]) != argMax(candidateRows[i])) disagreements++;
            }
            assertEquals(6.0, meters.get("fer.processor.shadow.frames").counter().count());
            assertEquals(disagreements, meters.get("fer.processor.shadow.disagreements").counter().count());
        }
    }

    @Test
    void aFailingShadowModelNeverAffectsTheServingModel() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ProcessorMetrics metrics = new ProcessorMetrics(meters);
        ServingModel loaded = Fixtures.servingModel("2", 4);
        List<byte[]> faces = batch(0, 4).stream().map(PendingFrame::pixels).toList();
        try (ServingModel broken = new ServingModel(loaded.name(), loaded.version(), new Failing(loaded.model()),
                loaded.preprocessor(), loaded.classes());
             ServingModel champion = Fixtures.servingModel("1", 3);
             ModelSlot slot = new ModelSlot(metrics);
             SharedInference inference = new SharedInference(slot, broken, metrics)) {
            slot.offer(Fixtures.servingModel("1", 3));
            for (int pass = 1; pass <= 2; pass++) {
                BatchResult result = inference.infer(batch(0, 4));
                assertNull(result.shadow());
                assertEquals("1", result.model().version());
                float[][] direct = champion.predict(faces);
                for (int i = 0; i < faces.size(); i++) assertArrayEquals(direct[i], result.probabilities()[i]);
                assertEquals(pass, meters.get("fer.processor.shadow.failures").tag("stage", "inference").counter().count());
            }
            assertTrue(inference.isAlive());
        }
    }

    private static int argMax(float[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
        return best;
    }

    @Test
    void anOfferedModelIsSwappedInBetweenPasses() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ProcessorMetrics metrics = new ProcessorMetrics(meters);
        try (ModelSlot slot = new ModelSlot(metrics); SharedInference inference = new SharedInference(slot, metrics)) {
            slot.offer(Fixtures.servingModel("1", 3));
            assertEquals("1", inference.infer(batch(0, 2)).model().version());
            slot.offer(Fixtures.servingModel("2", 4));
            assertEquals("2", inference.infer(batch(0, 2)).model().version());
            assertEquals(1.0, meters.get("fer.processor.model.swaps").counter().count());
            assertEquals(1.0, meters.get("fer.processor.model.in.service").tag("version", "2").gauge().value());
        }
    }
}
