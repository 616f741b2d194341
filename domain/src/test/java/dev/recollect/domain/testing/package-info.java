/** Test kit shared by every module through the domain's test-jar: jqwik conventions and generators. */
package dev.recollect.domain.testing;
