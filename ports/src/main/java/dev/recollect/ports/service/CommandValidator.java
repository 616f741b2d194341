package dev.recollect.ports.service;

import dev.recollect.domain.ConceptId;
import dev.recollect.domain.DomainException;
import dev.recollect.domain.JobId;
import dev.recollect.domain.PhrasingId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.ratelimit.IpAddress;
import dev.recollect.ports.in.InvalidCommandException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Validates commands at the boundary with Hibernate Validator, and turns their texts into domain ids. */
final class CommandValidator {
    private static final Validator VALIDATOR = create();

    private CommandValidator() {}

    private static Validator create() {
        // The parameter interpolator needs no expression language at run time.
        ValidatorFactory factory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        return factory.getValidator();
    }

    /** Checks that {@code command} satisfies its constraints; throws naming every broken one otherwise. */
    static <T> void valid(T command) {
        if (command == null) {
            throw new InvalidCommandException(List.of("command: must not be null"));
        }
        Set<ConstraintViolation<T>> violations = VALIDATOR.validate(command);
        if (!violations.isEmpty()) {
            throw new InvalidCommandException(violations.stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                    .sorted()
                    .toList());
        }
    }

    static UserId userId(String text) {
        try {
            return new UserId(text);
        } catch (DomainException e) {
            throw new InvalidCommandException(List.of(e.getMessage()));
        }
    }

    /** The canonical form of an address that {@code @IpLiteral} accepted; {@code null} stays {@code null}. */
    static String ip(String text) {
        return text == null ? null : IpAddress.parse(text).orElseThrow().canonical();
    }

    static JobId jobId(String text) {
        try {
            return JobId.parse(text);
        } catch (DomainException e) {
            throw new InvalidCommandException(List.of(e.getMessage()));
        }
    }

    static ConceptId conceptId(String text) {
        return parsed(() -> ConceptId.parse(text));
    }

    static PhrasingId phrasingId(String text) {
        return parsed(() -> PhrasingId.parse(text));
    }

    /** Runs a domain constructor, turning its complaint into an invalid command. */
    static <T> T parsed(Supplier<T> make) {
        try {
            return make.get();
        } catch (DomainException e) {
            throw new InvalidCommandException(List.of(e.getMessage()));
        }
    }
}
