package dev.recollect.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void idsParseCanonicalUuidsOnly() {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(JobId.parse(" 123e4567-e89b-12d3-a456-426614174000 ")).isEqualTo(new JobId(uuid));
        assertThat(ConceptId.parse(uuid.toString()).toString()).isEqualTo(uuid.toString());
        assertThat(PhrasingId.parse(uuid.toString().toUpperCase(java.util.Locale.ROOT))
                        .value())
                .isEqualTo(uuid);
        assertThat(InteractionId.parse(uuid.toString()).compareTo(new InteractionId(new UUID(0, 0))))
                .isPositive();
        assertThatThrownBy(() -> JobId.parse("1-2-3-4-5"))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("jobId must be a UUID");
        assertThatThrownBy(() -> ConceptId.parse("nope")).hasMessageStartingWith("conceptId must be a UUID");
        assertThatThrownBy(() -> JobId.parse(uuid + "\u0000"))
                .as("trailing NUL is not space")
                .hasMessage("jobId must be a UUID like 123e4567-e89b-12d3-a456-426614174000, got"
                        + " \"123e4567-e89b-12d3-a456-426614174000\\u0000\"");
        assertThatThrownBy(() -> new PhrasingId(null)).hasMessage("phrasingId");
        assertThatThrownBy(() -> JobId.parse(null)).hasMessage("jobId");
        assertThat(new JobId(uuid).compareTo(new JobId(uuid))).isZero();
        assertThat(new ConceptId(uuid).compareTo(new ConceptId(new UUID(0, 0)))).isPositive();
        assertThat(new PhrasingId(uuid).compareTo(new PhrasingId(new UUID(0, 0))))
                .isPositive();
    }

    @Test
    void idsOrderAsPostgresOrdersUuidsUnsigned() {
        JobId low = JobId.parse("7fffffff-ffff-ffff-ffff-ffffffffffff");
        JobId high = JobId.parse("80000000-0000-0000-0000-000000000000");
        assertThat(low.compareTo(high)).isNegative();
        assertThat(high.value().compareTo(low.value()))
                .as("java's own order is signed")
                .isNegative();
        JobId lowTail = JobId.parse("00000000-0000-0000-7fff-ffffffffffff");
        JobId highTail = JobId.parse("00000000-0000-0000-8000-000000000000");
        assertThat(lowTail.compareTo(highTail)).isNegative();
        assertThat(highTail.compareTo(lowTail)).isPositive();
    }

    @Test
    void userIdsAreVisibleTextWithoutSurroundingSpaces() {
        assertThat(new UserId("user_2abc").toString()).isEqualTo("user_2abc");
        for (String bad : new String[] {"", " ", " a", "a ", "a\u0000b", "x".repeat(201)}) {
            assertThatThrownBy(() -> new UserId(bad))
                    .isInstanceOf(DomainException.class)
                    .hasMessageStartingWith("userId must be");
        }
        assertThatThrownBy(() -> new UserId(null)).hasMessageEndingWith("got null");
    }
}
