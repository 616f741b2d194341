/**
 * Recollect's application layer: inbound use cases, outbound ports and the services that implement the former over
 * the latter. Nothing in here knows about SQL, HTTP or a terminal; adapters plug in from outside.
 */
package dev.recollect.ports;
