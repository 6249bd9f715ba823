package io.fer.ops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prometheus and Grafana provisioning checked offline against the compose file and the processor's code: every
 * scrape target is a compose service on a port it listens on, Grafana reads Prometheus and the mounted dashboards,
 * and every dashboard query names series the processor really exports.
 */
class MonitoringFilesTest {
    private static final String PROMETHEUS = "ops/monitoring/prometheus/prometheus.yml";
    private static final String DATASOURCES = "ops/monitoring/grafana/provisioning/datasources";
    private static final String DASHBOARD_PROVIDERS = "ops/monitoring/grafana/provisioning/dashboards";
    private static final String DASHBOARDS = "ops/monitoring/grafana/dashboards";
    /** Series Prometheus makes itself for every target. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up", "scrape_duration_seconds",
            "scrape_samples_scraped");

    private final ComposeFile compose = new ComposeFile(ProjectFiles.path("docker-compose.yml"));

    @Test
    void everyScrapeTargetIsAComposeServiceOnAPortItListensOn() throws IOException {
        JsonNode config = ComposeFile.YAML.readTree(ProjectFiles.path(PROMETHEUS).toFile());
        List<String> problems = new ArrayList<>();
        Set<String> scraped = new TreeSet<>();
        for (JsonNode job : config.path("scrape_configs")) {
            String path = job.path("metrics_path").asText("/metrics");
            List<String> targets = new ArrayList<>();
            for (JsonNode sc : job.path("static_configs")) sc.path("targets").forEach(t -> targets.add(t.asText()));
            for (JsonNode dns : job.path("dns_sd_configs")) {
                dns.path("names").forEach(n -> targets.add(n.asText() + ":" + dns.path("port").asText()));
            }
            for (String target : targets) {
                String where = "job " + job.path("job_name").asText() + " target " + target;
                String service = target.substring(0, target.lastIndexOf(':'));
                int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
                if (!compose.services().containsKey(service)) {
                    problems.add(where + ": no such compose service");
                    continue;
                }
                scraped.add(service);
                checkListens(service, port, path, where, problems);
            }
        }
        assertEquals(List.of(), problems);
        for (String service : compose.services().keySet()) {
            if (FerServices.command(compose, service).filter(c -> c == FerServices.Command.PROCESS).isPresent()) {
                assertTrue(scraped.contains(service), "processor service " + service + " is not scraped");
            }
        }
    }

    /** Adds a problem unless {@code service} listens on {@code port} (and, for a fer service, serves {@code path}). */
    private void checkListens(String service, int port, String path, String where, List<String> problems) {
        var endpoint = FerServices.endpoint(compose, service);
        if (endpoint.isPresent()) {
            if (endpoint.get().port() != port) problems.add(where + ": " + service + " listens on " + endpoint.get().port());
            if (!endpoint.get().command().serves(path)) problems.add(where + ": " + service + " serves no " + path);
        } else if (!compose.containerPorts(service).contains(port)) {
            problems.add(where + ": " + service + " declares ports " + compose.containerPorts(service));
        }
    }

    @Test
    void grafanaReadsPrometheusAndTheMountedDashboards() throws IOException {
        String grafana = serviceMounting(DASHBOARDS);
        Map<String, String> mounts = new TreeMap<>();
        compose.mounts(grafana).forEach(m -> mounts.put(ProjectFiles.ROOT.resolve(m.source()).normalize().toString(), m.target()));
        assertEquals("/etc/grafana/provisioning",
                mounts.get(ProjectFiles.path("ops/monitoring/grafana/provisioning").toString()));

        List<String> problems = new ArrayList<>();
        for (JsonNode ds : yamlFiles(DATASOURCES).flatMap(f -> stream(f.path("datasources"))).toList()) {
            URI url = URI.create(ds.path("url").asText());
            if (compose.services().containsKey(url.getHost())) {
                checkListens(url.getHost(), url.getPort(), "/metrics", "data source " + ds.path("name").asText(), problems);
            } else {
                problems.add("data source " + url + ": no such compose service");
            }
        }
        String dashboardsMount = mounts.get(ProjectFiles.path(DASHBOARDS).toString());
        List<JsonNode> providers = yamlFiles(DASHBOARD_PROVIDERS).flatMap(f -> stream(f.path("providers"))).toList();
        assertFalse(providers.isEmpty(), "no dashboard provider");
        for (JsonNode p : providers) {
            if (!p.path("options").path("path").asText().equals(dashboardsMount)) {
                problems.add("provider " + p.path("name").asText() + " reads " + p.path("options").path("path")
                        + ", dashboards are mounted at " + dashboardsMount);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyDashboardQueryNamesSeriesTheProcessorExports() throws IOException {
        Set<String> exported = new TreeSet<>(ProcessorMeters.seriesNames());
        exported.addAll(PROMETHEUS_SERIES);
        Set<String> uids = new TreeSet<>();
        yamlFiles(DATASOURCES).flatMap(f -> stream(f.path("datasources"))).forEach(d -> uids.add(d.path("uid").asText()));

        List<Path> files;
        try (Stream<Path> s = Files.list(ProjectFiles.path(DASHBOARDS))) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no dashboard in " + DASHBOARDS);
        List<String> problems = new ArrayList<>();
        Set<String> queried = new TreeSet<>();
        for (Path file : files) {
            JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
            if (dashboard.path("uid").asText().isBlank()) problems.add(file.getFileName() + ": no uid");
            for (JsonNode panel : panels(dashboard)) {
                String where = file.getFileName() + " panel '" + panel.path("title").asText() + "'";
                for (JsonNode target : panel.path("targets")) {
                    String uid = target.path("datasource").path("uid").asText(panel.path("datasource").path("uid").asText());
                    if (!uids.contains(uid)) problems.add(where + ": data source " + uid + " is not provisioned");
                    for (String metric : PromQl.metricNames(target.path("expr").asText())) {
                        queried.add(metric);
                        if (!exported.contains(metric)) problems.add(where + ": " + metric + " is not exported");
                    }
                }
            }
        }
        assertEquals(List.of(), problems, "the processor exports " + exported);
        // What the dashboard is for: frames in and out, latency, batch sizes, dead letters, the model, swaps.
        assertTrue(queried.containsAll(Set.of("fer_processor_frames_in_total", "fer_processor_events_out_total",
                "fer_processor_end_to_end_latency_seconds_bucket", "fer_processor_batch_size_bucket",
                "fer_processor_dead_letters_total", "fer_processor_model_in_service",
                "fer_processor_model_swaps_total")), "the dashboards query " + queried);
    }

    private String serviceMounting(String hostDir) {
        Path dir = ProjectFiles.path(hostDir);
        return compose.services().keySet().stream()
                .filter(s -> compose.mounts(s).stream().anyMatch(m -> m.isBind()
                        && ProjectFiles.ROOT.resolve(m.source()).normalize().equals(dir)))
                .findFirst().orElseThrow(() -> new AssertionError("no service mounts " + hostDir));
    }

    private static Stream<JsonNode> yamlFiles(String dir) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(ProjectFiles.path(dir))) {
            for (Path f : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
                docs.add(ComposeFile.YAML.readTree(f.toFile()));
            }
        }
        if (docs.isEmpty()) throw new AssertionError("no provisioning file in " + dir);
        return docs.stream();
    }

    /** Every panel, including those inside collapsed rows. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            all.add(p);
            p.path("panels").forEach(all::add);
        }
        return all;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
