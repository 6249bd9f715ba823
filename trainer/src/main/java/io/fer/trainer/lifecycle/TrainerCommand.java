package io.fer.trainer.lifecycle;

import io.fer.trainer.CommandErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fer trainer}: the training service's commands ({@code serve}). */
@Command(name = "trainer", mixinStandardHelpOptions = true, subcommands = TrainerServeCommand.class,
        description = "The trainer service: scheduled retraining, the release gate, signed releases.")
public final class TrainerCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: serve");
    }

    /** Runs the command on its own (outside the {@code fer} launcher). */
    public static void main(String[] args) {
        System.exit(CommandErrors.commandLine(new TrainerCommand()).execute(args));
    }
}
