package dev.sift.gateway;

import io.micronaut.runtime.Micronaut;

/** The edge gateway: scores conversation snippets and forwards the relevant ones to the LLM topic. */
public final class GatewayApplication {

    private GatewayApplication() {
    }

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        Micronaut.build(args).mainClass(GatewayApplication.class).banner(false).start();
    }
}
