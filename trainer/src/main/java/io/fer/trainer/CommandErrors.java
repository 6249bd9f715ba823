package io.fer.trainer;

import io.fer.trainer.lifecycle.ClusterUnavailableException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reports bad input (bad option values, missing or malformed files) as one line on stderr with exit code 2, Kafka or
 * the schema registry out of reach ({@link ClusterUnavailableException}) as one line with exit code 3, and anything
 * else with its stack trace and exit code 1. For {@code CommandLine.setExecutionExceptionHandler}.
 */
public final class CommandErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        if (e instanceof ClusterUnavailableException) {
            cl.getErr().println(cl.getCommandName() + ": " + e.getMessage());
            return 3;
        }
        if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof IllegalStateException) {
            cl.getErr().println(cl.getCommandName() + ": " + e.getMessage());
            return 2;
        }
        e.printStackTrace(cl.getErr());
        return 1;
    }

    /** A command line for a command with this handler. */
    public static CommandLine commandLine(Object command) {
        return new CommandLine(command).setExecutionExceptionHandler(new CommandErrors());
    }
}
