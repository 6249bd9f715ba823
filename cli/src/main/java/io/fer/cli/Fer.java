package io.fer.cli;

import io.fer.cli.bench.BenchCommands;
import io.fer.cli.faults.FaultsCommand;
import io.fer.ops.stack.StackCommand;
import io.fer.processor.ProcessCommand;
import io.fer.producer.ProduceCommand;
import io.fer.producer.WatchCommand;
import io.fer.trainer.CommandErrors;
import io.fer.trainer.EvaluateCommand;
import io.fer.trainer.TrainCommand;
import io.fer.trainer.lifecycle.ModelsCommand;
import io.fer.trainer.lifecycle.TrainerCommand;
import io.fer.trainer.replay.ReplayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fer} launcher: one entry point for every part of the system. Each subcommand lives in the module that
 * owns what it does; this class only lists them.
 */
@Command(name = "fer", mixinStandardHelpOptions = true, version = "fer 0.1.0",
        description = "Streaming facial-expression recognition on Kafka.",
        subcommands = {
                DemoCommand.class,
                StackCommand.class,
                ProduceCommand.class,
                ProcessCommand.class,
                WatchCommand.class,
                TrainCommand.class,
                EvaluateCommand.class,
                ReplayCommand.class,
                TrainerCommand.class,
                ModelsCommand.class,
                BenchCommands.class,
                FaultsCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Fer {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Fer())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new CommandErrors())
                .execute(args));
    }
}
