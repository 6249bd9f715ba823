package io.fer.processor.batch;

import io.fer.processor.metrics.ProcessorMetrics;
import io.fer.processor.model.ModelSlot;
import io.fer.processor.model.ServingModel;
import io.fer.schemas.Emotion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The process's one inference thread and one model. Stream threads hand it their batches with {@link #infer} and
 * wait; every batch that is waiting when the thread becomes free goes into the same forward pass, so batches of
 * several stream threads merge into one call of the model. Each caller blocks while its batch is queued, so a pass
 * holds at most one batch per stream thread. The model is taken from the {@link ModelSlot} once per pass: a swap
 * always falls between passes.
 *
 * <p>With a shadow model (a candidate), every pass also runs the same faces through it, after the serving model; its
 * rows come back in {@link BatchResult#shadow()}. A shadow that fails is counted and logged, and the batch gets the
 * serving model's rows as always.
 */
public final class SharedInference implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedInference.class);

    private record Request(List<PendingFrame> frames, CompletableFuture<BatchResult> result) {
    }

    /** How often an idle inference thread takes an offered model into service. */
    private static final long IDLE_CHECK_MS = 50;
    /** A shadow that keeps failing is logged at most this often. */
    private static final long SHADOW_LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final ModelSlot slot;
    private final ServingModel shadow;
    private final ProcessorMetrics metrics;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private long passes;
    private long shadowFailureLoggedAt;
    private long shadowFailuresUnlogged;

    /** Inference with the slot's model only. */
    public SharedInference(ModelSlot slot, ProcessorMetrics metrics) {
        this(slot, null, metrics);
    }

    /**
     * @param slot    the model in service
     * @param shadow  a candidate run on the same faces after it, or null for none; the caller closes it
     * @param metrics the processor's meters
     */
    public SharedInference(ModelSlot slot, ServingModel shadow, ProcessorMetrics metrics) {
        this.slot = slot;
        this.shadow = shadow;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "fer-inference");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs a batch through the model in service and waits for its probabilities.
     *
     * @throws IllegalStateException   when closed, or when no model is loaded
     * @throws InferenceException      when the model fails on the pass
     * @throws InterruptedException    when the calling thread is interrupted while waiting
     */
    public BatchResult infer(List<PendingFrame> frames) throws InterruptedException {
        if (frames.isEmpty()) throw new IllegalArgumentException("empty batch");
        if (closed) throw new IllegalStateException("inference is closed");
        Request request = new Request(frames, new CompletableFuture<>());
        queue.add(request);
        if (closed) request.result().completeExceptionally(new IllegalStateException("inference is closed"));
        try {
            return request.result().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new InferenceException("forward pass failed: " + e.getCause(), e.getCause());
        }
    }

    /** The shadow model, or null when there is none. */
    public ServingModel shadow() {
        return shadow;
    }

    /** True while the inference thread runs. */
    public boolean isAlive() {
        return thread.isAlive() && !closed;
    }

    private void run() {
        List<Request> pass = new ArrayList<>();
        while (!closed) {
            try {
                Request first = queue.poll(IDLE_CHECK_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    takeOfferedModel();
                    continue;
                }
                pass.add(first);
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(pass);
            runPass(pass);
            pass.clear();
        }
        failPending(new IllegalStateException("inference is closed"));
    }

    private void takeOfferedModel() {
        try {
            slot.takeOffered();
        } catch (RuntimeException e) {
            log.error("taking the offered model into service failed", e);
        }
    }

    private void runPass(List<Request> pass) {
        try {
            ServingModel model = slot.forNextPass();
            long passId = ++passes;
            List<byte[]> faces = new ArrayList<>();
            for (Request r : pass) for (PendingFrame f : r.frames()) faces.add(f.pixels());
            long startedAt = System.currentTimeMillis();
            long t0 = System.nanoTime();
            float[][] probabilities = model.predict(faces);
            long nanos = System.nanoTime() - t0;
            if (probabilities.length != faces.size()) {
                throw new InferenceException("model " + model.id() + " gave " + probabilities.length
                        + " rows for " + faces.size() + " faces", null);
            }
            metrics.forwardPass(faces.size(), nanos);
            BatchResult shadowed = shadowPass(passId, model, faces, probabilities);
            int at = 0;
            for (Request r : pass) {
                for (PendingFrame f : r.frames()) metrics.waited(startedAt - f.ingestTimestamp());
                int to = at + r.frames().size();
                BatchResult shadowRows = shadowed == null ? null : new BatchResult(passId, shadow,
                        Arrays.copyOfRange(shadowed.probabilities(), at, to), shadowed.inferenceMicros(), null);
                r.result().complete(new BatchResult(passId, model, Arrays.copyOfRange(probabilities, at, to),
                        nanos / 1000, shadowRows));
                at = to;
            }
        } catch (RuntimeException | Error e) {
            log.error("forward pass of {} batches failed", pass.size(), e);
            InferenceException failure = e instanceof InferenceException ie ? ie
                    : new InferenceException("forward pass failed: " + e, e);
            for (Request r : pass) r.result().completeExceptionally(failure);
        }
    }

    /**
     * The shadow model's rows for the pass's faces, or null when there is no shadow or it failed. Never throws: the
     * serving model's rows are delivered whatever the shadow does.
     */
    private BatchResult shadowPass(long passId, ServingModel champion, List<byte[]> faces, float[][] championRows) {
        if (shadow == null) return null;
        try {
            long t0 = System.nanoTime();
            float[][] rows = shadow.predict(faces);
            long nanos = System.nanoTime() - t0;
            if (rows.length != faces.size()) {
                throw new InferenceException("gave " + rows.length + " rows for " + faces.size() + " faces", null);
            }
            int disagreements = 0;
            for (int i = 0; i < rows.length; i++) {
                Emotion served = champion.classes().get(argMax(championRows[i]));
                if (served != shadow.classes().get(argMax(rows[i]))) disagreements++;
            }
            metrics.shadowPass(faces.size(), disagreements, nanos);
            return new BatchResult(passId, shadow, rows, nanos / 1000, null);
        } catch (RuntimeException | Error e) {
            metrics.shadowFailure("inference");
            long now = System.nanoTime();
            if (shadowFailureLoggedAt == 0 || now - shadowFailureLoggedAt > SHADOW_LOG_INTERVAL_NANOS) {
                log.warn("shadow model {} failed on pass {} ({} earlier failures not logged); the serving model's events "
                        + "are written as usual", shadow.id(), passId, shadowFailuresUnlogged, e);
                shadowFailureLoggedAt = now;
                shadowFailuresUnlogged = 0;
            } else {
                shadowFailuresUnlogged++;
            }
            return null;
        }
    }

    private static int argMax(float[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
        return best;
    }

    private void failPending(RuntimeException e) {
        Request r;
        while ((r = queue.poll()) != null) r.result().completeExceptionally(e);
    }

    /** Stops the thread; batches still queued fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failPending(new IllegalStateException("inference is closed"));
    }
}
