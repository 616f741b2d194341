/**
 * Generation jobs: their statuses and phases, the transitions between them with the guards the reference app lacks,
 * and the policy (active-job cap, prompt rules, retention) that governs them.
 */
package dev.recollect.domain.job;
