package dev.recollect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recollect.cli.support.ExitCode;
import org.junit.jupiter.api.Test;

class RecollectCliTest {
    @Test
    void versionNamesTheReleaseAndTheJava() {
        CliRun run = CliRun.of("", "--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("recollect ").contains("Java 17");
    }

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: recollect", "fsrs", "generate-completion");
        assertThat(CliRun.of("").out()).contains("Usage: recollect");
    }

    @Test
    void anUnknownOptionIsBadUsage() {
        CliRun run = CliRun.of("", "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void aCompletionScriptIsGenerated() {
        CliRun run = CliRun.of("", "generate-completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F").contains("recollect");
    }
}
