package dev.sift.http.auth.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, so a test can send request lines that HTTP client libraries refuse to build
 * (backslashes, malformed escapes, unknown or lower-case methods, the absolute form).
 */
public final class RawHttp {

    private final String host;
    private final int port;

    /**
     * @param host server host
     * @param port server port
     */
    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * An answer.
     *
     * @param status status code
     * @param headers header lines as {@code name: value}
     * @param body the body as text
     */
    public record Answer(int status, List<String> headers, String body) {

        /**
         * @param name header name
         * @return every value of that header
         */
        public List<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).trim()).toList();
        }
    }

    /**
     * @param method the method token as sent
     * @param target the request target as sent
     * @param authorization the {@code Authorization} header, if any
     * @param body a JSON body, or null
     * @return the answer
     */
    public Answer send(String method, String target, Optional<String> authorization, String body) {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Connection: close\r\n");
        authorization.ifPresent(a -> request.append("Authorization: ").append(a).append("\r\n"));
        if (body != null) {
            request.append("Content-Type: application/json\r\n");
        }
        if (body != null || !method.equals("GET") && !method.equals("HEAD")) {
            request.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            return read(socket.getInputStream(), method.equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + ": " + e.getMessage(), e);
        }
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        String status = line(in);
        if (status == null || !status.startsWith("HTTP/1.")) {
            throw new IOException("no HTTP answer: " + status);
        }
        List<String> headers = new ArrayList<>();
        long length = -1;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            headers.add(h);
            if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (!head && length != 0) {
            byte[] buffer = new byte[8192];
            long left = length < 0 ? Long.MAX_VALUE : length;
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; left -= n) {
                body.write(buffer, 0, n);
            }
        }
        return new Answer(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
