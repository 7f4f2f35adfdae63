package io.holdfast.upstream.health;

/** One server of one upstream, by the address written in the config. */
record ServerKey(String upstream, String server) {
}
