/**
 * Test kit of the ports, shipped in the test-jar: thread-safe in-memory implementations of every outbound port,
 * scripted LLM fakes, a controllable clock, and one contract suite per store port that the PostgreSQL adapter runs
 * too.
 */
package dev.recollect.ports.testing;
