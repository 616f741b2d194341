package dev.recollect.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.recollect.domain.UserId;
import dev.recollect.domain.job.GenerationJob;
import dev.recollect.ports.testing.PipelineHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every log line of a job carries its id, owner and attempt; the prompt appears only at DEBUG, cut short. */
class JobLogsTest {
    private final PipelineHarness h = new PipelineHarness();
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.recollect");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level before;

    @BeforeEach
    void capture() {
        captured.start();
        logger.addAppender(captured);
        before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        logger.detachAppender(captured);
        logger.setLevel(before);
    }

    @Test
    void aJobsLinesCarryItsIdentityAndKeepThePromptOutOfInfo() {
        String prompt = "A long and private prompt about the physiology of sleep, which is more than sixty characters";
        GenerationJob job = h.create(new UserId("sleeper"), prompt);

        h.pipeline().process(job.id());

        List<ILoggingEvent> lines = captured.list.stream()
                .filter(e -> e.getLoggerName().endsWith("JobPipeline"))
                .toList();
        assertThat(lines)
                .extracting(ILoggingEvent::getFormattedMessage)
                .contains("Job started", "Job finished: completed, 12 phrasings saved");
        assertThat(lines).allSatisfy(e -> {
            assertThat(e.getMDCPropertyMap())
                    .containsEntry("jobId", job.id().toString())
                    .containsEntry("userId", "sleeper")
                    .containsEntry("attempt", "1");
            if (e.getLevel().isGreaterOrEqual(Level.INFO)) {
                assertThat(e.getFormattedMessage()).doesNotContain("physiology");
            }
        });
        assertThat(lines)
                .filteredOn(e -> e.getLevel() == Level.DEBUG)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Job prompt: " + prompt.substring(0, JobPipeline.PROMPT_IN_LOGS) + "…");
        assertThat(org.slf4j.MDC.get("jobId")).isNull();
        assertThat(JobPipeline.truncated("short")).isEqualTo("short");
    }
}
