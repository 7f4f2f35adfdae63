/**
 * The keepalive advisor: {@link io.holdfast.status.advice.KeepaliveAdvisor#advise} reads the stats history
 * and returns {@link io.holdfast.status.advice.Advice}. {@code UpstreamRules} and {@code ListenerRules}
 * hold the rules, {@code AdvisorThresholds} their numbers, {@code EvidenceWindow} picks the samples taken
 * under the running limits. docs/advisor.md explains every rule.
 */
package io.holdfast.status.advice;
