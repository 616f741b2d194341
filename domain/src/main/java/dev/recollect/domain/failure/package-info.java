/**
 * What went wrong in a generation job, in the reference app's vocabulary: typed provider failures, the error codes
 * with their retryable flags and user-facing messages, the classifier that maps one to the other, and the retry
 * policy that spaces retries.
 */
package dev.recollect.domain.failure;
