/** JMH benchmarks. Each documents its workload and the anchor it is compared with in {@code docs/benchmarks.md}. */
package dev.recollect.benchmarks;
