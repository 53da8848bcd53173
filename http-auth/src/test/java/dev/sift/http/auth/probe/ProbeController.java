package dev.sift.http.auth.probe;

import dev.sift.http.auth.Access;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import java.security.Principal;

/** One route per mark, and one without a mark. */
@Controller("/probe")
@Requires(property = ProbeController.ENABLED, value = "true")
public class ProbeController {

    /** The property that turns the probe on (only the probe's own test). */
    public static final String ENABLED = "probe.enabled";

    /** @return a greeting */
    @Secured(Access.OPEN)
    @Get("/open")
    public String open() {
        return "open";
    }

    /** @return some tenant data */
    @Secured(Access.READ)
    @Get("/read")
    public String read() {
        return "read";
    }

    /**
     * @param request the request (for who is changing)
     * @return who changed
     */
    @Secured(Access.OPS)
    @Post("/change")
    public String change(HttpRequest<?> request) {
        return "changed by " + request.getUserPrincipal().map(Principal::getName).orElse("?");
    }

    /** @return something nobody marked */
    @Get("/unmarked")
    public String unmarked() {
        return "unmarked";
    }
}
