package io.fer.trainer.lifecycle;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code fer trainer serve}: runs the {@link TrainerService} until stopped (SIGTERM / Ctrl-C stop it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Retrain on a schedule (cron or interval) or on request (POST /run), gate each challenger "
                + "against the champion, and publish what passes to fer.models, signed.",
                "Data: train.data plus the labelled frames collected from frames.topic. Settings: --config, FER_* "
                        + "environment variables, -s KEY=VALUE; every key with its default is in trainer/README.md."})
public final class TrainerServeCommand implements Callable<Integer> {

    @Mixin
    LifecycleOptions options;

    @Override
    public Integer call() throws Exception {
        LifecycleConfig cfg = options.config();
        TrainerService service = TrainerService.start(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "fer-trainer-shutdown"));
        System.out.printf("trainer service started: %s, %s; POST http://%s:%d/run for a run now, GET /status%n",
                cfg.modelName(), service.status().schedule(), cfg.httpHost(), service.httpPort());
        stopped.await();
        return 0;
    }
}
