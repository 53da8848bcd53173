package dev.sift.http.auth.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

/**
 * Sends what must not be enough to a real server and lists what was let through: every path (the routes' and probes
 * no route serves) with every method and every credential weaker than the ops token, and every other spelling of the
 * routes' paths with every method a route can have, without a credential and with the read token. A request is judged by what it could mean: the routes its path matches under any lenient
 * reading ({@link Spelling#readings()}) and method (HEAD for GET, any case). A credential too weak for all of them must
 * get 401 or 403 (400, 404 and 405 too when no route matches at all or the request line is malformed), never a 2xx, never a
 * 5xx, and every 401 must carry the challenges a browser and a script need. Requests whose credential is enough for
 * a route that is not open are left out: they would run real reads, which the services' own tests check.
 */
public final class AccessTable {

    /** Methods sent: the API's, the other standard ones, and tokens no server knows. */
    public static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT", "FOO", "get");

    private static final List<String> SPELLED_METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH");
    private static final Set<Credential> SPELLED = EnumSet.of(Credential.NONE, Credential.READ_BEARER);
    private static final Set<Integer> REFUSED = Set.of(401, 403);
    /** A path no route could mean may also be refused as malformed before routing (e.g. {@code //}). */
    private static final Set<Integer> NOT_THERE = Set.of(400, 401, 403, 404, 405);

    private final RawHttp http;
    private final String authority;
    private final String opsToken;
    private final String readToken;
    private final List<Route> routes;
    private final List<String> probes;

    /**
     * @param host server host
     * @param port server port
     * @param tokens the ops token and the read token of the server, in that order
     * @param routes the service's routes as promised
     * @param probes more paths to try (paths no route should serve, near-misses of real ones)
     */
    public AccessTable(String host, int port, List<String> tokens, List<Route> routes, List<String> probes) {
        this.http = new RawHttp(host, port);
        this.authority = host + ":" + port;
        this.opsToken = tokens.get(0);
        this.readToken = tokens.get(1);
        this.routes = List.copyOf(routes);
        this.probes = List.copyOf(probes);
    }

    /**
     * The outcome.
     *
     * @param requests requests sent
     * @param violations each request let through or answered wrongly, with why
     */
    public record Outcome(int requests, List<String> violations) {
    }

    /** One request of the table. */
    private record Row(String method, Spelling spelling, Credential credential) {
    }

    /**
     * Sends the table (on four threads).
     *
     * @return what was sent and what was wrong
     */
    public Outcome run() {
        Set<String> paths = new LinkedHashSet<>();
        routes.forEach(r -> paths.add(r.example()));
        paths.addAll(probes);
        Set<String> examples = new LinkedHashSet<>();
        routes.forEach(r -> examples.add(r.example()));
        List<Row> rows = new ArrayList<>();
        for (String path : paths) {
            List<Spelling> spellings = Spelling.of(path, authority);
            // The plain path with every method and every credential too weak for the service's ops routes.
            for (String method : METHODS) {
                for (Credential c : Credential.values()) {
                    if (!c.holds().satisfies(Level.OPS)) {
                        rows.add(new Row(method, spellings.get(0), c));
                    }
                }
            }
            // Every other spelling of the routes' paths with the methods routes have, without a credential and
            // with the read token.
            if (examples.contains(path)) {
                for (Spelling s : spellings.subList(1, spellings.size())) {
                    for (String method : SPELLED_METHODS) {
                        SPELLED.forEach(c -> rows.add(new Row(method, s, c)));
                    }
                }
            }
        }
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        List<Row> sent = Collections.synchronizedList(new ArrayList<>());
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            pool.submit(() -> rows.parallelStream().forEach(row -> judge(row, sent).ifPresent(violations::add)))
                    .join();
        } finally {
            pool.shutdown();
        }
        return new Outcome(sent.size(), violations.stream().sorted().toList());
    }

    private Optional<String> judge(Row row, List<Row> sent) {
        List<Route> candidates = candidates(row.method(), row.spelling());
        boolean permitted = candidates.stream().anyMatch(r -> row.credential().holds().satisfies(r.needs()));
        boolean open = candidates.stream().anyMatch(r -> r.needs() == Level.OPEN);
        if (permitted && !open) {
            return Optional.empty();
        }
        sent.add(row);
        RawHttp.Answer answer = http.send(row.method(), row.spelling().target(),
                row.credential().header(opsToken, readToken), body(row));
        String what = String.format(Locale.ROOT, "%s %s (%s) with %s -> %d", row.method(), row.spelling().target(),
                row.spelling().name(), row.credential(), answer.status());
        if (answer.status() >= 500) {
            return Optional.of(what + ": server error " + abbreviate(answer.body()));
        }
        if (permitted) {
            return Optional.empty();
        }
        Set<Integer> allowed = new LinkedHashSet<>(candidates.isEmpty() ? NOT_THERE : REFUSED);
        if (row.spelling().malformed()) {
            allowed.addAll(NOT_THERE);
        }
        if (!allowed.contains(answer.status())) {
            return Optional.of(what + ": expected one of " + allowed + " " + abbreviate(answer.body()));
        }
        if (answer.status() == 401 && answer.header("WWW-Authenticate").stream().noneMatch(h -> h.startsWith("Basic"))) {
            return Optional.of(what + ": 401 without a Basic challenge " + answer.header("WWW-Authenticate"));
        }
        return Optional.empty();
    }

    private List<Route> candidates(String method, Spelling spelling) {
        Set<String> readings = spelling.readings();
        return routes.stream().filter(r -> methodMatches(r.method(), method))
                .filter(r -> readings.stream().anyMatch(r::matches)).toList();
    }

    private static boolean methodMatches(String routeMethod, String sent) {
        String m = sent.toUpperCase(Locale.ROOT);
        return m.equals(routeMethod) || m.equals("HEAD") && routeMethod.equals("GET");
    }

    private String body(Row row) {
        if (row.method().equalsIgnoreCase("GET") || row.method().equalsIgnoreCase("HEAD")) {
            return null;
        }
        return Stream.concat(
                routes.stream().filter(r -> r.method().equalsIgnoreCase(row.method())),
                routes.stream())
                .filter(r -> r.body() != null && row.spelling().readings().stream().anyMatch(r::matches))
                .map(Route::body).findFirst().orElse("{}");
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
    }
}
