package io.fer.ops.stack;

import io.fer.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalStackTest {

    @Test
    void startsBrokerAndRegistryWithTheProjectTopicsAndStopsCleanly(@TempDir Path dir) throws Exception {
        LocalStack.Settings settings = new LocalStack.Settings(dir, 0, 0, 3);
        String registryUrl;
        try (LocalStack stack = LocalStack.start(settings)) {
            registryUrl = stack.schemaRegistryUrl();
            HttpResponse<String> subjects = get(registryUrl + "/subjects");
            assertEquals(200, subjects.statusCode());
            assertEquals("[]", subjects.body());

            try (Admin admin = stack.broker().admin()) {
                Map<String, TopicDescription> topics = admin.describeTopics(
                        List.of(Topics.FRAMES, Topics.EMOTIONS, Topics.FRAMES_DLQ, Topics.MODELS)).allTopicNames().get();
                assertEquals(3, topics.get(Topics.FRAMES).partitions().size());
                assertEquals(3, topics.get(Topics.EMOTIONS).partitions().size());
                assertEquals(1, topics.get(Topics.MODELS).partitions().size());
                ConfigResource models = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MODELS);
                assertEquals("compact", admin.describeConfigs(List.of(models)).all().get()
                        .get(models).get("cleanup.policy").value());
            }
        }
        assertThrows(java.net.ConnectException.class, () -> get(registryUrl + "/subjects"),
                "the registry no longer listens after close");

        try (LocalStack again = LocalStack.start(settings)) {
            assertEquals(200, get(again.schemaRegistryUrl() + "/subjects").statusCode(),
                    "a second start reuses the data directory and its existing topics");
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
