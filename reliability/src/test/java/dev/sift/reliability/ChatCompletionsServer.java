package dev.sift.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible chat-completions endpoint on a local port ({@code POST /v1/chat/completions}), answering every
 * request with the same labels as the reference consumer asks for them: the LLM the example consumer talks to, where
 * no real one can be reached. Keeps the user messages it was sent.
 */
final class ChatCompletionsServer implements AutoCloseable {

    static final String ANSWER = "{\"intents\":[\"refund_request\"],\"polarity\":\"negative\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    ChatCompletionsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            for (JsonNode message : request.path("messages")) {
                if ("user".equals(message.path("role").asText())) {
                    asked.add(message.path("content").asText());
                }
            }
            byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("id", "chatcmpl-1")
                    .put("object", "chat.completion").put("model", request.path("model").asText())
                    .set("choices", JSON.createArrayNode().add(JSON.createObjectNode().put("index", 0)
                            .put("finish_reason", "stop").set("message", JSON.createObjectNode()
                                    .put("role", "assistant").put("content", ANSWER)))));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
