package io.holdfast.listener.h2;

import io.vertx.core.http.HttpServerResponse;

/**
 * A stream past a client timeout: its body stalled ({@code BODY}, nginx's {@code client_body_timeout}) or its
 * response stuck behind the client's window ({@code SEND}, {@code send_timeout}). {@code response} is null
 * for a stream that never reached the listener.
 */
public record StreamCut(int streamId, HttpServerResponse response, Kind kind) {

  public enum Kind { BODY, SEND }
}
