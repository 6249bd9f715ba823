package io.fer.trainer.lifecycle;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fer.model.Emotions;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.bundle.ModelRepository;
import io.fer.schemas.serde.FerSerdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code fer trainer serve}: retrains on a schedule or on request and releases what the gate passes.
 *
 * <p>While it runs, a {@link LabelledFrameCollector} stores the labelled frames of the frames topic. Each run seals
 * the frames stored so far, trains a challenger on {@code train.data} plus every stored frame (warm-started from the
 * champion), lets the {@link ReleaseGate} compare it with the champion on the fixed evaluation set, keeps the
 * decision as {@code gate.json} beside the bundle, and publishes the challenger when it passed. Every run is logged
 * and appended to {@code runs.jsonl}; a run that fails is logged and the service waits for the next one.
 */
public final class TrainerService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrainerService.class);
    static final String RUNS = "runs";
    static final String RUN_LOG = "runs.jsonl";
    private static final long CLOSE_WAIT_MS = 60_000;

    /** What started a run. */
    public enum Trigger { SCHEDULE, REQUEST }

    /**
     * What {@code GET /status} reports.
     *
     * @param running       a run is in progress
     * @param schedule      the schedule in words
     * @param nextRun       when the next scheduled run is due (null: none)
     * @param pendingFrames labelled frames stored since the last run
     * @param collected     what the collector has seen since the service started
     * @param lastRun       the last finished run, null before the first
     */
    public record Status(boolean running, String schedule, @JsonProperty("next_run") String nextRun,
                         @JsonProperty("pending_frames") long pendingFrames,
                         LabelledFrameCollector.Counts collected, @JsonProperty("last_run") RunRecord lastRun) {
    }

    private final LifecycleConfig cfg;
    private final Schedule schedule;
    private final ReleaseGate gate;
    private final ReleasePublisher publisher;
    private final LabelledFrameStore store;
    private final ModelRepository repository;
    private final ReleaseHistory history;
    private final Path runLog;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Object lock = new Object();
    private final Thread scheduler;
    private LabelledFrameCollector collector;
    private ServiceEndpoint endpoint;
    private boolean requested;
    private boolean closed;
    private volatile boolean running;
    private volatile Instant nextDue;
    private volatile RunRecord lastRun;

    private TrainerService(LifecycleConfig cfg, SigningKeys keys, EvaluationSet evaluationSet) throws IOException {
        this.cfg = cfg;
        this.schedule = cfg.schedule();
        this.gate = ReleaseGate.of(cfg, evaluationSet);
        this.publisher = new ReleasePublisher(cfg, keys);
        this.store = new LabelledFrameStore(cfg.workDir().resolve("frames"));
        this.repository = new ModelRepository(cfg.repository());
        this.history = new ReleaseHistory(cfg.repository());
        this.runLog = cfg.workDir().resolve(RUN_LOG);
        this.scheduler = new Thread(this::schedule, "fer-trainer-scheduler");
        scheduler.setDaemon(true);
    }

    /**
     * Starts the service: signing keys (generated on first use), the evaluation set, the frame collector, the HTTP
     * endpoint and the scheduler.
     *
     * @throws IOException              when a key, the evaluation set or the work directory cannot be read or written
     * @throws IllegalArgumentException when a key file or the evaluation set is not usable
     */
    public static TrainerService start(LifecycleConfig cfg) throws IOException {
        SigningKeys keys = SigningKeys.loadOrCreate(cfg);
        EvaluationSet set = EvaluationSet.load(cfg);
        TrainerService service = new TrainerService(cfg, keys, set);
        try {
            service.collector = new LabelledFrameCollector(cfg.cluster().asMap(), cfg.framesTopic(),
                    cfg.framesGroupId(), FerSerdes.faceFrame(cfg.cluster().asMap()).deserializer(), service.store,
                    Emotions.FER_PLUS.size(), set::contains);
            service.resources.add(service.collector);
            service.collector.start();
            service.endpoint = new ServiceEndpoint(cfg.httpHost(), cfg.httpPort(), service::requestRun, service::status);
            service.resources.add(service.endpoint);
            service.scheduler.start();
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        log.info("trainer service started: {} {}, evaluation set {}, endpoint http://{}:{}/status, public key {}",
                cfg.modelName(), service.schedule, set, cfg.httpHost(), service.httpPort(), keys.publicFile());
        return service;
    }

    /** Asks for a run as soon as possible (after the current one, if a run is in progress). */
    public void requestRun() {
        synchronized (lock) {
            requested = true;
            lock.notifyAll();
        }
    }

    public Status status() {
        Instant due = nextDue;
        return new Status(running, schedule.toString(), due == null ? null : due.toString(), store.pendingRows(),
                collector.counts(), lastRun);
    }

    /** Every run so far, from {@code runs.jsonl}. */
    public List<RunRecord> runs() throws IOException {
        return JsonLines.read(runLog, RunRecord.class);
    }

    /** The port of the HTTP endpoint. */
    public int httpPort() {
        return endpoint.port();
    }

    private void schedule() {
        nextDue = schedule.next(Instant.now()).orElse(null);
        log.info("next scheduled run: {}", nextDue == null ? "none (runs on request)" : nextDue);
        while (true) {
            Trigger trigger;
            synchronized (lock) {
                while (!closed && !requested && (nextDue == null || Instant.now().isBefore(nextDue))) {
                    long wait = nextDue == null ? 1000 : Math.max(1, nextDue.toEpochMilli() - System.currentTimeMillis());
                    try {
                        lock.wait(Math.min(wait, 1000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) return;
                trigger = requested ? Trigger.REQUEST : Trigger.SCHEDULE;
                requested = false;
                running = true;
            }
            try {
                lastRun = run(trigger);
            } finally {
                running = false;
            }
            nextDue = schedule.next(Instant.now()).orElse(null);
        }
    }

    /** One run; never throws: a failure is logged and recorded. */
    RunRecord run(Trigger trigger) {
        String started = Instant.now().toString();
        String version = null;
        String champion = null;
        long newFrames = 0;
        int frameFiles = 0;
        RunRecord record;
        try {
            LabelledFrameStore.Sealed sealed = store.seal();
            List<Path> frames = sealed.segments();
            newFrames = sealed.newRows();
            frameFiles = frames.size();
            Optional<Path> championDir = Champion.find(repository, history, cfg.modelName());
            ModelBundle championBundle = championDir.isEmpty() ? null : ModelBundle.load(championDir.get());
            champion = championBundle == null ? null : championBundle.manifest().version();
            version = Versions.next(repository, cfg.modelName(), cfg.workDir().resolve(RUNS));
            log.info("run ({}): training {}:{} on {} and {} labelled-frame files ({} new frames), {}", name(trigger),
                    cfg.modelName(), version, cfg.trainData().getFileName(), frameFiles, newFrames,
                    championBundle == null ? "no champion" : "champion " + champion);
            Path bundleDir = TrainingRun.train(cfg, version, cfg.workDir().resolve(RUNS).resolve(version),
                    championBundle, frames);
            ModelBundle challenger = ModelBundle.load(bundleDir);
            GateDecision decision = gate.decide(challenger, championBundle);
            decision.write(bundleDir);
            log.info("gate: {}; {}", decision.summary(), decision.reason());
            if (decision.passed()) publisher.publish(challenger, ReleaseHistory.Action.RELEASE, "gate", null);
            record = new RunRecord(version, name(trigger), started, Instant.now().toString(),
                    decision.passed() ? RunRecord.RELEASED : RunRecord.REFUSED, champion, newFrames, frameFiles,
                    decision.reason());
        } catch (Exception | LinkageError e) {
            if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof IllegalStateException
                    || e instanceof UncheckedIOException || e instanceof ClusterUnavailableException) {
                log.error("run {} failed: {}; waiting for the next run", version, e.getMessage());
            } else {
                log.error("run {} failed; waiting for the next run", version, e);
            }
            record = new RunRecord(version, name(trigger), started, Instant.now().toString(), RunRecord.FAILED,
                    champion, newFrames, frameFiles, String.valueOf(e.getMessage()));
        }
        try {
            JsonLines.append(runLog, record);
        } catch (IOException e) {
            log.error("cannot append to {}: {}", runLog, e.toString());
        }
        return record;
    }

    private static String name(Trigger trigger) {
        return trigger.name().toLowerCase(Locale.ROOT);
    }

    /** Stops scheduling (waiting up to a minute for a run in progress), the endpoint and the collector. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            if (scheduler.isAlive()) scheduler.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (scheduler.isAlive()) log.warn("a run is still in progress; it is abandoned (its run directory stays)");
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }
}
