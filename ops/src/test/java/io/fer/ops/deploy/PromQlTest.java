package io.fer.ops.deploy;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PromQlTest {

    @Test
    void namesTheSelectedMetricsOnly() {
        assertEquals(Set.of("fer_processor_end_to_end_latency_seconds_bucket"), PromQl.metricNames(
                "histogram_quantile(0.95, sum by (le) (rate(fer_processor_end_to_end_latency_seconds_bucket[$__rate_interval])))"));
        assertEquals(Set.of("fer_processor_forward_pass_size_sum", "fer_processor_forward_pass_size_count"),
                PromQl.metricNames("sum(rate(fer_processor_forward_pass_size_sum[5m])) / "
                        + "sum(rate(fer_processor_forward_pass_size_count[5m]))"));
        assertEquals(Set.of("up"), PromQl.metricNames("count(up{job=\"fer-processor\", instance=~\"a.*\"} == 1)"));
        assertEquals(Set.of("jvm_memory_used_bytes"),
                PromQl.metricNames("sum without (id) (jvm_memory_used_bytes{area=\"heap\"}) offset 1m"));
        assertEquals(Set.of("a_total", "b"), PromQl.metricNames("increase(a_total[$__range]) > bool on (x) b * 1e3"));
    }
}
