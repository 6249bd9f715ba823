package io.fer.trainer.lifecycle;

import io.fer.model.bundle.ModelBundle;
import io.fer.model.bundle.ModelRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code fer models release NAME:VERSION}: publishes any bundle of the repository, signed, without the gate. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Publish a bundle of the repository to fer.models as a signed release (no gate: the "
                + "operator decides), and record it in releases.jsonl. The processors verify and serve it."})
public final class ModelsReleaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LifecycleOptions options;

    @Parameters(index = "0", paramLabel = "NAME:VERSION", description = "the bundle: NAME:VERSION in the repository (e.g. cliquenet-ferplus:1.1.0) or a bundle directory")
    String bundle;

    @Override
    public Integer call() throws Exception {
        LifecycleConfig cfg = options.config();
        ModelBundle b = ModelBundle.load(new ModelRepository(cfg.repository()).resolve(bundle));
        ReleaseHistory.Entry e = new ReleasePublisher(cfg, SigningKeys.loadOrCreate(cfg))
                .publish(b, ReleaseHistory.Action.RELEASE, "operator", null);
        spec.commandLine().getOut().printf("released %s:%s to %s (sha256 %s)%n", e.model(), e.version(),
                cfg.modelsTopic(), e.sha256());
        return 0;
    }
}
