package io.fer.cli.faults;

import io.fer.cli.pipeline.FaceReplay;

import java.util.stream.LongStream;

/** The ids of the frames a load sent: {@code <prefix>-0 .. <prefix>-(n-1)}. */
final class FaultIds {
    private FaultIds() {
    }

    static Iterable<String> of(String prefix, long n) {
        return () -> LongStream.range(0, n).mapToObj(i -> FaceReplay.frameId(prefix, i)).iterator();
    }
}
