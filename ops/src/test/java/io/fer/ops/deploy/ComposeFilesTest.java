package io.fer.ops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compose files checked offline (CI has no Docker engine): what they build, mount and open exists in the
 * repository and matches the services' code. {@code ops/scripts/validate-deploy.sh} adds Compose's own check.
 */
class ComposeFilesTest {
    private static final String BASE = "docker-compose.yml";
    private static final String GPU = "docker-compose.gpu.yml";
    private static final Path OPS = ProjectFiles.path("ops");
    private static final Pattern HEALTH_URL = Pattern.compile("http://127\\.0\\.0\\.1:\\$\\{FER_HTTP_PORT:-(\\d+)}(/[^\"\\s]*)");

    private static ComposeFile compose(String name) {
        return new ComposeFile(ProjectFiles.path(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, GPU})
    void everyBuildIsADockerfileStageOfTheRepository(String file) {
        ComposeFile compose = compose(file);
        List<String> problems = new ArrayList<>();
        int builds = 0;
        for (String service : compose.services().keySet()) {
            var build = compose.build(service);
            if (build.isEmpty()) continue;
            builds++;
            var b = build.get();
            if (!Files.isDirectory(b.context())) problems.add(service + ": no build context " + b.context());
            if (!b.dockerfile().startsWith(OPS.resolve("docker")) || !Files.isRegularFile(b.dockerfile())) {
                problems.add(service + ": Dockerfile " + b.dockerfile() + " is not a file under ops/docker/");
                continue;
            }
            Dockerfile dockerfile = new Dockerfile(b.dockerfile());
            if (b.target() != null && !dockerfile.stages.containsKey(b.target())) {
                problems.add(service + ": " + b.dockerfile().getFileName() + " has no stage " + b.target()
                        + " (stages: " + dockerfile.stages.keySet() + ")");
            }
            for (String src : dockerfile.contextSources()) {
                if (!Files.exists(b.context().resolve(src))) {
                    problems.add(service + ": " + b.dockerfile().getFileName() + " copies " + src
                            + ", which is not in the build context");
                }
            }
        }
        assertTrue(builds > 0, file + " builds no image");
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, GPU})
    void everyHostMountIsUnderOpsOrAReadOnlyDataFolderTheUserChooses(String file) {
        ComposeFile compose = compose(file);
        Set<String> volumes = new TreeSet<>(compose(BASE).namedVolumes());
        volumes.addAll(compose.namedVolumes());
        List<String> problems = new ArrayList<>();
        for (String service : compose.services().keySet()) {
            for (ComposeFile.Mount m : compose.mounts(service)) {
                String where = service + ": " + m.rawSource() + " -> " + m.target();
                if (m.source().isEmpty()) continue; // anonymous volume
                if (!m.isBind()) {
                    if (!volumes.contains(m.source())) problems.add(where + ": volume not declared under volumes:");
                } else if (m.fromVariable()) {
                    if (!m.readOnly()) problems.add(where + ": a data folder from the host must be mounted :ro");
                } else {
                    Path host = compose.file.getParent().resolve(m.source()).normalize();
                    if (!host.startsWith(OPS)) problems.add(where + ": host path outside ops/");
                    else if (!Files.exists(host)) problems.add(where + ": " + host + " does not exist");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, GPU})
    void everyVariableHasADefaultSoTheStackRunsWithNothingSet(String file) {
        Map<String, String> vars = compose(file).variables();
        vars.values().removeIf(def -> def != null && !def.isBlank());
        assertEquals(Map.of(), vars, "variables without a default in " + file);
    }

    @Test
    void theDataFolderDefaultsToTheSharedFerDataBesideTheProject() {
        ComposeFile compose = compose(BASE);
        List<ComposeFile.Mount> data = compose.services().keySet().stream().flatMap(s -> compose.mounts(s).stream())
                .filter(ComposeFile.Mount::fromVariable).toList();
        assertFalse(data.isEmpty(), "no service mounts the data folder");
        for (ComposeFile.Mount m : data) {
            assertEquals(ProjectFiles.ROOT.resolve("../shared/data/fer").normalize(),
                    ProjectFiles.ROOT.resolve(m.source()).normalize(), m.rawSource());
            assertEquals("/data/fer", m.target(), "the images read the data from /data/fer (-Dfer.data.dir)");
        }
    }

    @Test
    void theGpuFileOverridesStackServicesWithGpuImagesAndDeviceReservations() {
        ComposeFile base = compose(BASE);
        ComposeFile gpu = compose(GPU);
        assertFalse(gpu.services().isEmpty());
        for (Map.Entry<String, JsonNode> s : gpu.services().entrySet()) {
            String service = s.getKey();
            assertTrue(base.services().containsKey(service), service + " is not a service of " + BASE);
            assertTrue(gpu.build(service).orElseThrow().dockerfile().getFileName().toString().endsWith(".gpu.Dockerfile"),
                    service + " must build from a GPU Dockerfile");
            JsonNode devices = s.getValue().path("deploy").path("resources").path("reservations").path("devices");
            assertTrue(devices.isArray() && !devices.isEmpty(), service + " reserves no device");
            for (JsonNode d : devices) {
                assertTrue(d.path("capabilities").toString().contains("\"gpu\""), service + ": " + d);
            }
        }
    }

    @Test
    void ferEndpointsAreReachableAndProcessorReplicasBindNoHostPort() {
        ComposeFile compose = compose(BASE);
        List<String> problems = new ArrayList<>();
        int endpoints = 0;
        for (String service : compose.services().keySet()) {
            var endpoint = FerServices.endpoint(compose, service);
            if (endpoint.isEmpty()) continue;
            endpoints++;
            var e = endpoint.get();
            if (!compose.containerPorts(service).contains(e.port())) {
                problems.add(service + " listens on " + e.port() + " but declares " + compose.containerPorts(service));
            }
            if (!e.host().equals("0.0.0.0")) {
                problems.add(service + " binds " + e.host() + ": other containers cannot reach it (set FER_HTTP_HOST)");
            }
            if (e.command() == FerServices.Command.PROCESS) {
                JsonNode node = compose.service(service);
                if (node.has("ports") || node.has("container_name")) {
                    problems.add(service + " has a host port or container name, so it cannot be scaled out");
                }
            }
        }
        assertEquals(2, endpoints, "the processor and the trainer service");
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops/docker/fer.Dockerfile", "ops/docker/fer.gpu.Dockerfile"})
    void serviceImagesRunAsAUserAndCheckTheirHealthWhereTheServiceListens(String file) {
        Dockerfile dockerfile = new Dockerfile(ProjectFiles.path(file));
        Map<String, FerServices.Command> targets =
                Map.of("processor", FerServices.Command.PROCESS, "trainer", FerServices.Command.TRAINER_SERVE);
        for (Map.Entry<String, FerServices.Command> t : targets.entrySet()) {
            String where = file + " stage " + t.getKey();
            assertNotEquals("root", dockerfile.user(t.getKey()), where + " runs as root");
            var checks = dockerfile.in(t.getKey(), "HEALTHCHECK");
            assertEquals(1, checks.size(), where + ": one HEALTHCHECK");
            Matcher m = HEALTH_URL.matcher(checks.get(0).arguments());
            assertTrue(m.find(), where + ": no http://127.0.0.1:${FER_HTTP_PORT:-port}/path in " + checks.get(0));
            assertEquals(t.getValue().defaultOf("http.port"), m.group(1), where + ": port of the check");
            assertTrue(t.getValue().serves(m.group(2)), where + ": the service serves no " + m.group(2));
        }
    }
}
