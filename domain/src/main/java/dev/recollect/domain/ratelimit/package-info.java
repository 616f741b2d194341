/** Sliding-window rate limiting: the decision, given the requests in the window. */
package dev.recollect.domain.ratelimit;
