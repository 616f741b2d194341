package dev.recollect.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.domain.JobId;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ViewsTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aJobLineSaysWhenFewerPhrasingsWereSavedThanAccepted() {
        GenerationJob job = GenerationJob.create(new JobId(new UUID(0, 7)), new UserId("ann"), "Tides", null, T);
        GenerationJob started = job.start(T).job();
        GenerationJob whole = started.addProgress(4, 4).job();
        GenerationJob short_ = started.addProgress(4, 3).job();

        assertThat(Views.jobLine(whole)).contains("  4 saved  \"Tides\"").doesNotContain("accepted");
        assertThat(Views.jobLine(short_)).contains("  3 saved of 4 accepted  \"Tides\"");
    }
}
