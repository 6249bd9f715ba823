package io.fer.processor.batch;

import io.fer.processor.model.ServingModel;

/**
 * What one forward pass gave a task's batch.
 *
 * @param passId          sequence number of the forward pass in this process
 * @param model           the model that ran the pass (the same for every frame of the pass)
 * @param probabilities   one row of class probabilities per frame, in the batch's order
 * @param inferenceMicros how long the pass took
 * @param shadow          the shadow model's rows for the same frames, or null when no shadow ran (none configured,
 *                        or it failed on this pass)
 */
public record BatchResult(long passId, ServingModel model, float[][] probabilities, long inferenceMicros,
                          BatchResult shadow) {
}
