package io.fer.trainer.lifecycle;

import io.fer.model.bundle.ModelBundle;
import io.fer.model.bundle.ModelRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code fer models rollback NAME [--to VERSION]}: republishes the previous release. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Republish an earlier release of NAME to fer.models; the processors follow it.",
                "\"Previous\" comes from the release history, releases.jsonl in the repository root: each release "
                        + "pushes a version on NAME's stack and each rollback pops it, so the version in service is "
                        + "the top and a rollback goes to the one under it. Rolling back twice goes back two releases; "
                        + "a rolled-back version returns only with fer models release."})
public final class ModelsRollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LifecycleOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "the model name, e.g. cliquenet-ferplus")
    String name;

    @Option(names = "--to", paramLabel = "VERSION",
            description = "go back to this earlier release (still on the stack) instead of the previous one")
    String to;

    @Override
    public Integer call() throws Exception {
        LifecycleConfig cfg = options.config();
        ReleaseHistory history = new ReleaseHistory(cfg.repository());
        String target = history.rollbackTarget(name, to);
        String current = history.current(name).orElseThrow();
        ModelBundle bundle = ModelBundle.load(new ModelRepository(cfg.repository()).resolve(name + ":" + target));
        new ReleasePublisher(cfg, SigningKeys.loadOrCreate(cfg))
                .publish(bundle, ReleaseHistory.Action.ROLLBACK, "operator", current);
        spec.commandLine().getOut().printf("rolled %s back from %s to %s on %s%n", name, current, target,
                cfg.modelsTopic());
        return 0;
    }
}
