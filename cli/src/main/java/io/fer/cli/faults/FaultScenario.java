package io.fer.cli.faults;

import io.fer.cli.pipeline.HarnessOptions;
import io.fer.cli.pipeline.Outcome;
import io.fer.cli.pipeline.PipelineCluster;

import java.io.PrintWriter;
import java.time.Duration;

/** One scenario of the fault suite: it drives a pipeline on the shared cluster into a fault and checks a guarantee. */
interface FaultScenario {
    /** How long a processor may take to become ready (a CliqueNet load on a busy machine takes a while). */
    Duration READY = Duration.ofMinutes(3);
    /** No progress for this long means a scenario is stuck. */
    Duration QUIET = Duration.ofMinutes(3);

    /** The scenario's name on the command line. */
    String name();

    /**
     * Runs the scenario on topics of its own.
     *
     * @param log where progress lines go
     * @return its figures and the guarantees that failed
     */
    Outcome run(PipelineCluster cluster, HarnessOptions options, PrintWriter log) throws Exception;
}
