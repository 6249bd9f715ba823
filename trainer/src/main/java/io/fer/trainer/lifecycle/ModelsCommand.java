package io.fer.trainer.lifecycle;

import io.fer.trainer.CommandErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fer models}: the model repository and the models topic ({@code list}, {@code show}, {@code release}, {@code rollback}). */
@Command(name = "models", mixinStandardHelpOptions = true,
        subcommands = {ModelsListCommand.class, ModelsShowCommand.class, ModelsReleaseCommand.class,
                ModelsRollbackCommand.class},
        description = "Manage the model repository and the releases on fer.models.")
public final class ModelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: list, show, release or rollback");
    }

    /** Runs the command on its own (outside the {@code fer} launcher). */
    public static void main(String[] args) {
        System.exit(CommandErrors.commandLine(new ModelsCommand()).execute(args));
    }
}
