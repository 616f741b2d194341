/**
 * Reviews: which concept a learner sees next, and with which phrasing. Pure functions over the library's values, with
 * randomness injected so that a seed replays a queue exactly.
 */
package dev.recollect.domain.review;
