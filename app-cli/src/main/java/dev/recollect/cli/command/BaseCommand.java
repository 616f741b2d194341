package dev.recollect.cli.command;

import dev.recollect.cli.support.CommonOptions;
import dev.recollect.cli.support.Output;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that takes the common options and reads its settings from the environment. */
public abstract class BaseCommand implements Callable<Integer> {
    /** The database and output options. */
    @Mixin
    protected CommonOptions common;

    /** The command's spec, for its streams. */
    @Spec
    protected CommandSpec spec;

    private Map<String, String> environment = System.getenv();

    /** The environment the command reads its settings from: the process's, unless a caller gave another. */
    protected Map<String, String> environment() {
        return environment;
    }

    /** Runs the command with {@code env} instead of the process environment (an in-process caller's settings). */
    public void useEnvironment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
    }

    /** The command's output, in JSON when {@code --json} was given. */
    protected Output output() {
        return new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), common.json());
    }
}
