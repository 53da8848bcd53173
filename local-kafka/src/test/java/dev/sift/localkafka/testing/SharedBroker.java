package dev.sift.localkafka.testing;

import dev.sift.localkafka.LocalKafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One plain local broker for every test class of a run that asks for a {@link LocalKafkaBroker} parameter: started by
 * the first, stopped when the run ends. For tests that neither stop, kill nor reconfigure the broker and keep to their
 * own topics (prefixed names), application ids and consumer groups, so that what one leaves behind is nothing another
 * reads. A test that kills the broker, or needs security or other broker settings, starts its own.
 */
public final class SharedBroker implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedBroker.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalKafkaBroker.class;
    }

    @Override
    public LocalKafkaBroker resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root context's store outlives every test class and closes what it holds when the run ends
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(LocalKafkaBroker.class,
                type -> LocalKafkaBroker.builder().build().start(), LocalKafkaBroker.class);
    }
}
