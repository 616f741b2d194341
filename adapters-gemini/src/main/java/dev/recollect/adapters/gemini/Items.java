package dev.recollect.adapters.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recollect.domain.generation.ConceptIdea;
import dev.recollect.domain.generation.GeneratedPhrasing;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The items the model writes, as DTOs with Hibernate Validator constraints: an item that breaks them (a missing
 * field, an absurd length, an unknown type) is dropped with a warning here, before the domain's filters see the rest.
 * The constraints are about shape; the domain still applies its own rules (lengths, option counts, duplicates).
 */
final class Items {
    private static final Logger log = LoggerFactory.getLogger(Items.class);
    private static final Validator VALIDATOR = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private Items() {}

    /** A concept as the model writes it. */
    record ConceptItem(
            @NotBlank @Size(max = 300) String title,
            @Size(max = 2000) String description,
            @Size(max = 2000) String whyItMatters) {
        ConceptIdea toIdea() {
            return new ConceptIdea(title, description, whyItMatters);
        }
    }

    /** A phrasing as the model writes it. */
    record PhrasingItem(
            @NotBlank @Size(max = 1000) String question,
            @Size(max = 4000) String explanation,
            @NotNull @Pattern(regexp = "multiple-choice|true-false") String type,
            @NotNull @Size(min = 2, max = 6) List<@NotNull @Size(max = 500) String> options,
            @NotBlank @Size(max = 500) String correctAnswer) {
        GeneratedPhrasing toPhrasing() {
            return new GeneratedPhrasing(question, explanation, type, options, correctAnswer);
        }
    }

    /** The item in {@code text} if it parses and satisfies its constraints; empty (and logged) otherwise. */
    static <T> Optional<T> read(ObjectMapper json, String text, Class<T> type) {
        T item;
        try {
            item = json.readValue(text, type);
        } catch (JsonProcessingException e) {
            log.warn("Dropped a {} that is not valid JSON: {}", type.getSimpleName(), e.getOriginalMessage());
            return Optional.empty();
        }
        Set<ConstraintViolation<T>> violations = VALIDATOR.validate(item);
        if (!violations.isEmpty()) {
            log.warn(
                    "Dropped a {}: {}",
                    type.getSimpleName(),
                    violations.stream()
                            .map(v -> v.getPropertyPath() + " " + v.getMessage())
                            .sorted()
                            .collect(Collectors.joining("; ")));
            return Optional.empty();
        }
        return Optional.of(item);
    }
}
