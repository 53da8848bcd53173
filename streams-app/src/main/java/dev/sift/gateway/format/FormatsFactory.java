package dev.sift.gateway.format;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Makes the gateway's {@link GatewayFormats} from {@code sift.formats.*}, refusing an inconsistent configuration at start. */
@Factory
public class FormatsFactory {

    /**
     * @param config the formats configured
     * @param registry the registry configured
     * @return the gateway's formats
     */
    @Singleton
    GatewayFormats gatewayFormats(FormatsConfig config, RegistryConfig registry) {
        return GatewayFormats.of(config, registry);
    }
}
