package io.streamnlp.localstack.junit;

import io.streamnlp.localstack.ApicurioRegistry;
import io.streamnlp.localstack.EmbeddedKafka;
import io.streamnlp.localstack.LocalStack;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that shares ONE {@link LocalStack} (embedded Kafka + Apicurio registry) per test JVM.
 *
 * <p>The stack starts lazily, the first time a test asks for it, is kept in the root {@link ExtensionContext.Store}
 * and is closed when the root context closes (the end of the test run in this JVM). Test methods, constructors,
 * lifecycle methods ({@code @BeforeAll}, {@code @BeforeEach}, ...) can declare parameters of type
 * {@link LocalStack}, {@link EmbeddedKafka} or {@link ApicurioRegistry}:
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class MyIT {
 *   @BeforeAll static void topics(LocalStack stack) { stack.kafka().createTopics(3, "text-events"); }
 *   @Test void roundTrip(LocalStack stack) { ... stack.registry().confluentUrl() ... }
 * }
 * }</pre>
 *
 * <p>Tests share the broker and registry: use unique topic names, subjects, group and transactional ids per test.
 * {@link #stack(ExtensionContext)} gives the stack to other extensions.
 */
public final class LocalStackExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalStackExtension.class);
    private static final String KEY = "local-stack";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == LocalStack.class || type == EmbeddedKafka.class || type == ApicurioRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        LocalStack stack;
        try {
            stack = stack(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("The local stack did not start: " + e.getMessage(), e);
        }
        if (type == EmbeddedKafka.class) return stack.kafka();
        if (type == ApicurioRegistry.class) return stack.registry();
        return stack;
    }

    /** The JVM-wide stack, started on first use and closed when the root extension context closes. */
    public static LocalStack stack(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, k -> new Holder(LocalStack.start()), Holder.class)
                .stack;
    }

    /** Closes the stack with the root context; a failed start is not retried by every later test. */
    private static final class Holder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final LocalStack stack;

        Holder(LocalStack stack) {
            this.stack = stack;
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
