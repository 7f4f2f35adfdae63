package io.holdfast.config;

import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * Runs asynchronous steps one after another on the config verticle's context: a step starts only when the
 * one before it has completed, failed or thrown. That is what lets a step check a precondition and apply
 * what it guards without another step slipping in between, and keeps two writes of the file from racing.
 */
final class StepQueue {

  private Future<?> tail = Future.succeededFuture();

  /** {@code step}'s outcome, once every step queued before it has run; a thrown exception fails it alone. */
  <T> Future<T> enqueue(Supplier<Future<T>> step) {
    Future<T> next = tail.transform(ignored -> {
      try {
        return step.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
    tail = next;
    return next;
  }
}
