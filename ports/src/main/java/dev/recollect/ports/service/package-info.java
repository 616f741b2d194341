/**
 * Application services: the use cases of {@link dev.recollect.ports.in}, implemented over the outbound ports of
 * {@link dev.recollect.ports.out}. They hold no state of their own and are thread-safe.
 */
package dev.recollect.ports.service;
