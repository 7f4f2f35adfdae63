/**
 * Server choice within one upstream: {@link io.holdfast.upstream.balance.Balancer#create} (smooth weighted
 * round-robin, least-conn, random-two, consistent hash) over a {@link io.holdfast.upstream.balance.ServerView}
 * of the pool, {@link io.holdfast.upstream.balance.StickyCookie} (sticky sessions) and
 * {@link io.holdfast.upstream.balance.PassiveHealth} (nginx's {@code max_fails}/{@code fail_timeout}).
 * Event-loop confined, no locks; docs/traffic.md describes each policy.
 */
package io.holdfast.upstream.balance;
