/** Keyset pagination: page sizes and opaque cursors that never use OFFSET. */
package dev.recollect.domain.paging;
