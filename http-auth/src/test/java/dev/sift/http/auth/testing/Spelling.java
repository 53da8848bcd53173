package dev.sift.http.auth.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One way to write a path in a request line: the plain path, a trailing or doubled slash, percent-encoding, another
 * case, dot segments, matrix parameters, a query, the absolute form, and malformed escapes.
 *
 * @param name what this spelling does
 * @param target the request target as sent
 * @param malformed whether a server may refuse it as a bad request (400) before routing
 */
public record Spelling(String name, String target, boolean malformed) {

    /**
     * @param path a plain path ({@code /a/b}, or {@code /})
     * @param authority {@code host:port} for the absolute form
     * @return every spelling of it
     */
    public static List<Spelling> of(String path, String authority) {
        if (path.equals("/")) {
            return List.of(new Spelling("plain", "/", false), new Spelling("double slash", "//", false),
                    new Spelling("dot segment", "/./", false), new Spelling("dot-dot segment", "/x/../", false),
                    new Spelling("encoded dot", "/%2e/", false), new Spelling("query", "/?x=1", false),
                    new Spelling("absolute form", "http://" + authority + "/", false),
                    new Spelling("backslash", "\\", true));
        }
        String first = path.substring(1).split("/", 2)[0];
        String rest = path.substring(1 + first.length());
        List<Spelling> out = new ArrayList<>();
        out.add(new Spelling("plain", path, false));
        out.add(new Spelling("trailing slash", path + "/", false));
        out.add(new Spelling("double leading slash", "/" + path, false));
        out.add(new Spelling("double inner slash", rest.isEmpty() ? path + "//" : "/" + first + "/" + rest, false));
        out.add(new Spelling("encoded first letter", "/" + hex(first.charAt(0)) + first.substring(1) + rest, false));
        out.add(new Spelling("encoded lower-case hex", "/" + hex(first.charAt(0)).toLowerCase(Locale.ROOT)
                + first.substring(1) + rest, false));
        out.add(new Spelling("every character encoded", "/" + encodeAll(first) + rest, false));
        out.add(new Spelling("encoded slash", rest.isEmpty() ? path + "%2F" : "/" + first + "%2F" + rest.substring(1),
                false));
        out.add(new Spelling("double-encoded slash", rest.isEmpty() ? path + "%252F"
                : "/" + first + "%252F" + rest.substring(1), false));
        out.add(new Spelling("upper case", path.toUpperCase(Locale.ROOT), false));
        out.add(new Spelling("capitalized", "/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest,
                false));
        out.add(new Spelling("dot segment", "/./" + path.substring(1), false));
        out.add(new Spelling("dot-dot segment", "/x/../" + path.substring(1), false));
        out.add(new Spelling("dot-dot past the root", "/../" + path.substring(1), false));
        out.add(new Spelling("encoded dot-dot", "/x/%2e%2e/" + path.substring(1), false));
        out.add(new Spelling("trailing dot-dot", path + "/../" + last(path), false));
        out.add(new Spelling("matrix parameter", "/" + first + ";a=b" + rest, false));
        out.add(new Spelling("query", path + "?x=1", false));
        out.add(new Spelling("empty query", path + "?", false));
        out.add(new Spelling("absolute form", "http://" + authority + path, false));
        out.add(new Spelling("encoded space", path + "%20", false));
        out.add(new Spelling("encoded null", path + "%00", true));
        out.add(new Spelling("malformed escape", path + "%zz", true));
        out.add(new Spelling("overlong UTF-8 slash", "/" + first + "%c0%af" + (rest.isEmpty() ? "" : rest.substring(1)),
                true));
        out.add(new Spelling("backslashes", path.replace('/', '\\'), true));
        return out;
    }

    /**
     * Every path a lenient server could read this target as: decoded once or twice, without matrix parameters, with
     * slashes collapsed, dot segments resolved, trailing slashes dropped, in any case.
     *
     * @return the readings
     */
    Set<String> readings() {
        String t = target;
        int scheme = t.indexOf("://");
        if (scheme >= 0) {
            int slash = t.indexOf('/', scheme + 3);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        t = t.split("[?#]", 2)[0];
        Set<String> raw = new LinkedHashSet<>();
        raw.add(t);
        String once = decode(t);
        raw.add(once);
        raw.add(decode(once));
        Set<String> out = new LinkedHashSet<>();
        for (String r : raw) {
            String n = normalize(r.replace('\\', '/').replaceAll(";[^/]*", ""));
            out.add(n);
            out.add(n.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static String normalize(String path) {
        Deque<String> kept = new ArrayDeque<>();
        for (String segment : path.split("/+")) {
            String s = segment.trim();
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(segment);
            }
        }
        return "/" + String.join("/", kept);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    private static String hex(char c) {
        return String.format(Locale.ROOT, "%%%02X", (int) c);
    }

    private static String encodeAll(String segment) {
        StringBuilder out = new StringBuilder();
        segment.chars().forEach(c -> out.append(hex((char) c)));
        return out.toString();
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
