/**
 * Server choice within one upstream: {@link io.holdfast.upstream.balance.Balancer#create} (smooth weighted
 * round-robin or least-conn) and {@link io.holdfast.upstream.balance.PassiveHealth} (nginx's
 * {@code max_fails}/{@code fail_timeout}). Event-loop confined, no locks.
 */
package io.holdfast.upstream.balance;
