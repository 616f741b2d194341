/**
 * Reviews: what an answer changes ({@link dev.recollect.domain.review.Reviewer}), which concept a learner sees next
 * and with which phrasing ({@link dev.recollect.domain.review.ReviewQueue}). Pure functions over the library's values,
 * with time and randomness passed in so that a seed replays a queue exactly.
 */
package dev.recollect.domain.review;
