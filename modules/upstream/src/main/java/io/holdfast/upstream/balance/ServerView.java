package io.holdfast.upstream.balance;

/**
 * What a {@link Balancer} may ask about the servers of one upstream during one pick, by index. Answers
 * are for this event loop and this moment; nothing here allocates.
 */
public interface ServerView {

  /** Whether the request may go to {@code server}: not down, not tried already, under {@code maxConnections}. */
  boolean eligible(int server);

  /** Requests in flight on {@code server} from this event loop. */
  int load(int server);

  /** Whether {@code server} has an idle pooled connection on this event loop (a request there opens none). */
  boolean warm(int server);
}
