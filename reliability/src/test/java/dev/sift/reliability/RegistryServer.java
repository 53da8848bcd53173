package dev.sift.reliability;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A schema registry on a local port answering {@code GET /schemas/ids/{id}} as Confluent's REST API does, for the
 * ids it was given and 404 for every other: the registry a gateway resolves the registry framing with here, where no
 * registry image can run (RegistryContainerIT runs a real one where Docker exists).
 */
final class RegistryServer implements AutoCloseable {

    private final HttpServer server;

    RegistryServer(Map<Integer, Schema> schemas) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/schemas/ids/", exchange -> {
            Schema schema = null;
            try {
                schema = schemas.get(Integer.parseInt(exchange.getRequestURI().getPath()
                        .substring("/schemas/ids/".length())));
            } catch (NumberFormatException e) {
                // Not an id: answered as unknown.
            }
            String body = schema == null ? "{\"error_code\":40403,\"message\":\"Schema not found\"}"
                    : "{\"schema\":\"" + schema.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(schema == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
