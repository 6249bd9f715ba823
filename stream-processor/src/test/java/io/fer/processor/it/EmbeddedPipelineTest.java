package io.fer.processor.it;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The pipeline scenario on the embedded KRaft broker and the project's registry server. */
class EmbeddedPipelineTest extends PipelineScenario {
    @RegisterExtension
    static final Cluster cluster = new Cluster();

    @Override
    Cluster cluster() {
        return cluster;
    }
}
