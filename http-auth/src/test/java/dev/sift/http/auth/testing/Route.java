package dev.sift.http.auth.testing;

import java.util.List;

/**
 * A route of a service as its API promises it: method, path template ({@code {name}} stands for one segment), an
 * example path to spell in every way, the level it needs, and a body to send (a valid one, so that a request let
 * through by mistake would really change something).
 *
 * @param method HTTP method
 * @param template path template, e.g. {@code /policies/{tenant}}
 * @param example a concrete path, e.g. {@code /policies/acme}
 * @param needs the level it needs
 * @param body a JSON body to send, or null
 */
public record Route(String method, String template, String example, Level needs, String body) {

    /**
     * @param method HTTP method
     * @param template path template, also the example
     * @param needs the level it needs
     * @return the route
     */
    public static Route of(String method, String template, Level needs) {
        return new Route(method, template, template, needs, null);
    }

    /**
     * @param example another concrete path for the same route
     * @return this route spelled from that path
     */
    public Route example(String example) {
        return new Route(method, template, example, needs, body);
    }

    /**
     * @param json the body to send
     * @return this route with a body
     */
    public Route body(String json) {
        return new Route(method, template, example, needs, json);
    }

    /**
     * @param path a normalized path
     * @return whether the template matches it
     */
    boolean matches(String path) {
        List<String> want = segments(template);
        List<String> got = segments(path);
        if (want.size() != got.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            boolean variable = w.startsWith("{") && w.endsWith("}");
            if (variable ? got.get(i).isEmpty() : !w.equals(got.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }
}
