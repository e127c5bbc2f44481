package io.streamnlp.registry;

/**
 * Told about every registration, alias change and archive after it is durable on disk. Called on
 * the writer's thread, outside the registry's locks; an exception is logged and does not undo the change.
 */
@FunctionalInterface
public interface ModelEventListener {

    void onEvent(RegistryEvent event);
}
