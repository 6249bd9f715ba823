package io.fer.cli.pipeline;

import io.fer.schemas.Topics;

/**
 * The topics of one benchmark or fault run, so runs sharing a cluster never read each other's records: frames and
 * events with the run's partitions, a dead-letter topic and a compacted models topic.
 *
 * @param frames   frames topic ({@code <run>.frames})
 * @param emotions events topic ({@code <run>.emotions})
 * @param dlq      dead-letter topic ({@code <run>.frames.dlq})
 * @param models   models topic ({@code <run>.models}), compacted like {@link Topics#MODELS}
 */
public record RunTopics(String frames, String emotions, String dlq, String models) {

    /** The topic names of run {@code run}. */
    public static RunTopics of(String run) {
        if (run == null || !run.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a run name is letters, digits, '.', '_' or '-', got '" + run + "'");
        }
        return new RunTopics(run + ".frames", run + ".emotions", run + ".frames.dlq", run + ".models");
    }
}
