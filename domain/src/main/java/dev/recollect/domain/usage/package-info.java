/**
 * What generation costs: the tokens an LLM reports for its calls, added up per job, and the price table that turns
 * them into an estimated cost. Estimates only: the provider's invoice is the authority.
 */
package dev.recollect.domain.usage;
