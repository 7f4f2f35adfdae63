package io.holdfast.bus;

/** Whether one listener instance has bound every listener of the config version it runs. */
public record ListenerBinding(String instanceId, long configVersion, boolean allBound) {
}
