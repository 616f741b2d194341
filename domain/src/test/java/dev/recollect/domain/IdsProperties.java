package dev.recollect.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recollect.domain.testing.SeededProperty;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/** Ids and learner ids: what they accept, how they read and print, and how they order. */
class IdsProperties {
    @Provide
    Arbitrary<UUID> uuids() {
        return Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
    }

    @Provide
    Arbitrary<String> spaces() {
        return Arbitraries.of("", " ", "  ", "\t", "\n ");
    }

    /** An id reads from its canonical text in either case, spaces around it forgiven, and prints it lower case. */
    @SeededProperty
    void idsReadTheirCanonicalTextInAnyCase(
            @ForAll("uuids") UUID uuid, @ForAll boolean upper, @ForAll("spaces") String pad) {
        String text = upper ? uuid.toString().toUpperCase(Locale.ROOT) : uuid.toString();
        assertThat(JobId.parse(pad + text + pad)).isEqualTo(new JobId(uuid));
        assertThat(ConceptId.parse(text).value()).isEqualTo(uuid);
        assertThat(PhrasingId.parse(text).toString()).isEqualTo(uuid.toString());
        assertThat(InteractionId.parse(text)).isEqualTo(new InteractionId(uuid));
        for (Object id : List.of(new JobId(uuid), new ConceptId(uuid), new PhrasingId(uuid), new InteractionId(uuid))) {
            assertThat(id.toString()).isEqualTo(uuid.toString());
        }
    }

    /** Anything that is not a canonical UUID, a trailing NUL included, is refused, naming the kind of id. */
    @SeededProperty
    void anythingElseIsRefusedNamingTheId(@ForAll("notIds") String text) {
        assertThatThrownBy(() -> JobId.parse(text))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("jobId must be a UUID like 123e4567-e89b-12d3-a456-426614174000, got");
        assertThatThrownBy(() -> ConceptId.parse(text)).hasMessageStartingWith("conceptId must be a UUID");
    }

    @Provide
    Arbitrary<String> notIds() {
        Arbitrary<String> mangled = uuids().flatMap(uuid -> Arbitraries.of(
                uuid.toString().substring(1),
                uuid.toString() + "0",
                uuid.toString() + "\u0000",
                "\u0000" + uuid,
                uuid.toString().replace('-', '_'),
                uuid.toString().replaceFirst("-", "")));
        return Arbitraries.oneOf(
                mangled, Arbitraries.strings().ofMaxLength(40), Arbitraries.of("", "nope", "1-2-3-4-5"));
    }

    /**
     * Ids order as PostgreSQL orders uuids, byte by byte (unsigned), not as Java's UUID does (signed halves):
     * a total order consistent with equality.
     */
    @SeededProperty
    void idsOrderAsPostgresOrdersUuids(@ForAll("uuids") UUID a, @ForAll("uuids") UUID b) {
        int unsigned = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        if (unsigned == 0) {
            unsigned = Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
        }
        assertThat(Integer.signum(new JobId(a).compareTo(new JobId(b)))).isEqualTo(Integer.signum(unsigned));
        assertThat(Integer.signum(new ConceptId(a).compareTo(new ConceptId(b)))).isEqualTo(Integer.signum(unsigned));
        assertThat(Integer.signum(new PhrasingId(a).compareTo(new PhrasingId(b))))
                .isEqualTo(Integer.signum(unsigned));
        assertThat(Integer.signum(new InteractionId(a).compareTo(new InteractionId(b))))
                .isEqualTo(Integer.signum(unsigned));
        assertThat(new JobId(a).compareTo(new JobId(a))).isZero();
    }

    @Example
    void theSignBitIsWhereJavaAndPostgresDisagree() {
        JobId low = JobId.parse("7fffffff-ffff-ffff-ffff-ffffffffffff");
        JobId high = JobId.parse("80000000-0000-0000-0000-000000000000");
        assertThat(low.compareTo(high)).isNegative();
        assertThat(high.value().compareTo(low.value()))
                .as("java's own order is signed")
                .isNegative();
    }

    @Example
    void aMissingIdIsNamed() {
        assertThatThrownBy(() -> new PhrasingId(null)).hasMessage("phrasingId");
        assertThatThrownBy(() -> JobId.parse(null)).hasMessage("jobId");
        assertThatThrownBy(() -> new UserId(null)).hasMessageEndingWith("got null");
    }

    /** A learner id is 1 to 200 visible characters without surrounding spaces, and prints as itself. */
    @SeededProperty
    void userIdsAreVisibleText(@ForAll("visible") String id) {
        assertThat(new UserId(id).toString()).isEqualTo(id);
    }

    @Provide
    Arbitrary<String> visible() {
        return Arbitraries.strings()
                .withCharRange('!', '~')
                .withChars('é', 'ж', ' ', '中')
                .ofMinLength(1)
                .ofMaxLength(200)
                .filter(s -> s.equals(s.strip()));
    }

    /** Blank, padded, too long, or holding a control character or an unpaired surrogate: refused, quoting it. */
    @SeededProperty
    void anythingElseIsNotALearnerId(@ForAll("visible") String id, @ForAll("flaws") String flaw) {
        String bad =
                switch (flaw) {
                    case "blank" -> " ".repeat(id.length() % 4);
                    case "leading" -> " " + id;
                    case "trailing" -> id + "\t";
                    case "long" -> id + "x".repeat(201 - id.length());
                    case "control" -> id + "\u0000" + id;
                    case "del" -> id + "\u007f";
                    default -> id + "\ud800";
                };
        assertThatThrownBy(() -> new UserId(bad))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("userId must be 1 to 200 visible characters without surrounding spaces");
    }

    @Provide
    Arbitrary<String> flaws() {
        return Arbitraries.of("blank", "leading", "trailing", "long", "control", "del", "surrogate");
    }
}
