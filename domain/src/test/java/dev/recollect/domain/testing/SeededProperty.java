package dev.recollect.domain.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.Property;

/**
 * A jqwik property with the project's fixed seed, so that every run (on a laptop or in CI) generates the same cases
 * and a failure reproduces exactly. Tries come from {@code jqwik.tries.default} (200).
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Property(seed = SeededProperty.SEED)
public @interface SeededProperty {
    /** The one seed of the test suite. */
    String SEED = "20261121";
}
