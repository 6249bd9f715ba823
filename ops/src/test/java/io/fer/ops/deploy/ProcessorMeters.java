package io.fer.ops.deploy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus series names the stream processor exports on {@code /metrics}, derived from its code: each meter
 * that {@code ProcessorMetrics} builds (name, type, whether it publishes a histogram) is registered the same way in
 * Micrometer's Prometheus registry, which then names its series exactly as the processor's does; so are the JVM
 * memory meters when {@code EmotionProcessorApp} binds them. (The ops module cannot depend on the processor, which
 * depends on ops for its tests.)
 */
final class ProcessorMeters {
    static final String METRICS_SOURCE =
            "stream-processor/src/main/java/io/fer/processor/metrics/ProcessorMetrics.java";
    static final String APP_SOURCE = "stream-processor/src/main/java/io/fer/processor/EmotionProcessorApp.java";
    private static final Pattern BUILDER =
            Pattern.compile("(Counter|Timer|DistributionSummary|MultiGauge|Gauge)\\.builder\\(\\s*\"([^\"]+)\"");

    private ProcessorMeters() {
    }

    /** Every series name (e.g. {@code fer_processor_batch_size_bucket}) the processor's meters export. */
    static Set<String> seriesNames() {
        String source = ProjectFiles.read(METRICS_SOURCE);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            Matcher m = BUILDER.matcher(source);
            int meters = 0;
            while (m.find()) {
                int end = source.indexOf(".register(", m.end());
                boolean histogram = end > 0 && source.substring(m.end(), end).contains(".publishPercentileHistogram()");
                register(registry, m.group(1), m.group(2), histogram);
                meters++;
            }
            if (meters == 0) throw new IllegalStateException("no meter builders found in " + METRICS_SOURCE);
            if (ProjectFiles.read(APP_SOURCE).contains("new JvmMemoryMetrics()")) new JvmMemoryMetrics().bindTo(registry);
            return names(registry.scrape());
        } finally {
            registry.close();
        }
    }

    private static void register(PrometheusMeterRegistry registry, String type, String name, boolean histogram) {
        switch (type) {
            case "Counter" -> Counter.builder(name).register(registry).increment();
            case "Timer" -> Timer.builder(name).publishPercentileHistogram(histogram).register(registry)
                    .record(Duration.ofMillis(5));
            case "DistributionSummary" -> DistributionSummary.builder(name).publishPercentileHistogram(histogram)
                    .register(registry).record(8);
            default -> Gauge.builder(name, () -> 1).register(registry); // Gauge, MultiGauge: one series per row
        }
    }

    private static Set<String> names(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            names.add(line.split("[{ ]", 2)[0]);
        }
        return names;
    }
}
