package io.fer.processor.batch;

import io.fer.processor.model.ServingModel;

/**
 * One frame's result, passed from the batcher to the node that writes events.
 *
 * @param passId          sequence number of the forward pass it was part of (the {@code fer.pass} header)
 * @param frame           the frame
 * @param model           the model that classified it
 * @param probabilities   its class probabilities, in the model's class order
 * @param processedAt     when the result was ready, epoch ms
 * @param inferenceMicros time of the forward pass it was part of
 */
public record Prediction(long passId, PendingFrame frame, ServingModel model, float[] probabilities, long processedAt,
                         long inferenceMicros) {
}
