package io.fer.processor.model;

import io.fer.processor.metrics.ProcessorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The one model in service, and the one waiting to replace it. The loader {@link #offer offers} a checked, warmed
 * model from its own thread; the inference thread takes it into service before its next forward pass
 * ({@link #forNextPass}) or while it is idle ({@link #takeOffered}), so a swap always falls between two passes and no
 * pass mixes versions. The replaced model is closed there too, when nothing can be using it any more.
 */
public final class ModelSlot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelSlot.class);

    private final ProcessorMetrics metrics;
    private final AtomicReference<ServingModel> next = new AtomicReference<>();
    private volatile ServingModel current;

    public ModelSlot(ProcessorMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Offers a model to serve from the next forward pass on. A model offered earlier and not yet taken is closed
     * unused: the newest offer wins.
     */
    public void offer(ServingModel model) {
        ServingModel replaced = next.getAndSet(model);
        if (replaced != null) replaced.close();
        if (current == null) takeOffered();
    }

    /**
     * The model for the next forward pass, taking the offered one into service first. Called by the inference thread
     * only (and once by {@link #offer} for the first model, before any pass can run).
     *
     * @throws IllegalStateException when no model has been offered yet
     */
    public synchronized ServingModel forNextPass() {
        takeOffered();
        if (current == null) throw new IllegalStateException("no model loaded yet");
        return current;
    }

    /**
     * Puts the offered model, if any, into service and closes the one it replaces. Called by the inference thread
     * between passes, and while it is idle so the swap does not wait for traffic.
     */
    public synchronized void takeOffered() {
        ServingModel offered = next.getAndSet(null);
        if (offered != null) {
            ServingModel old = current;
            current = offered;
            metrics.modelInService(offered.name(), offered.version(), old != null);
            if (old != null) {
                log.info("model {} swapped in, replacing {}", offered.id(), old.id());
                old.close();
            } else {
                log.info("model {} in service", offered.id());
            }
        }
    }

    /** The model in service, or null before the first. */
    public ServingModel current() {
        return current;
    }

    @Override
    public synchronized void close() {
        ServingModel offered = next.getAndSet(null);
        if (offered != null) offered.close();
        if (current != null) current.close();
        current = null;
    }
}
