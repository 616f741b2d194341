package dev.recollect.ports.in;

import dev.recollect.domain.ratelimit.IpAddress;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field is an IPv4 or IPv6 address literal, read as {@link IpAddress} reads it: without a look-up, so that a host
 * name is refused rather than resolved. {@code null} is valid (an unknown address).
 */
@Documented
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IpLiteral.Check.class)
public @interface IpLiteral {
    /** The message. */
    String message() default "must be an IPv4 or IPv6 address literal such as 203.0.113.9 or 2001:db8::1";

    /** Validation groups. */
    Class<?>[] groups() default {};

    /** Payload. */
    Class<? extends Payload>[] payload() default {};

    /** The check behind the constraint. */
    final class Check implements ConstraintValidator<IpLiteral, String> {
        /** Created by the validator. */
        public Check() {}

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || IpAddress.parse(value).isPresent();
        }
    }
}
