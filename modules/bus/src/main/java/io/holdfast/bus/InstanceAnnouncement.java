package io.holdfast.bus;

/** A listener instance saying it is up (or down); its stats answer at {@link Addresses#instanceStats}. */
public record InstanceAnnouncement(String instanceId) {
}
