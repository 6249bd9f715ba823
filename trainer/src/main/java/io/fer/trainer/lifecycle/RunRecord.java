package io.fer.trainer.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One run of the trainer service, a line of {@code runs.jsonl} in its work directory.
 *
 * @param version    the challenger's version (null when the run failed before choosing one)
 * @param trigger    {@code schedule} or {@code request}
 * @param startedAt  ISO-8601 instant
 * @param finishedAt ISO-8601 instant
 * @param outcome    {@code released}, {@code refused} (by the gate) or {@code failed}
 * @param champion   the champion's version, null when there was none
 * @param newFrames  labelled frames collected since the previous run
 * @param frameFiles stored frame files the run trained on (all collected so far)
 * @param detail     the gate's reason, or what failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(String version, String trigger,
                        @JsonProperty("started_at") String startedAt,
                        @JsonProperty("finished_at") String finishedAt,
                        String outcome, String champion,
                        @JsonProperty("new_frames") long newFrames,
                        @JsonProperty("frame_files") int frameFiles,
                        String detail) {
    public static final String RELEASED = "released";
    public static final String REFUSED = "refused";
    public static final String FAILED = "failed";
}
