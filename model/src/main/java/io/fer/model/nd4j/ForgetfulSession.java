package io.fer.model.nd4j;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;

/**
 * ND4J's inference session, made to forget the arrays it freed once a call is over.
 *
 * <p>Why: the session of ND4J 1.0.0-M2.1 records the id of every array it frees ({@code freedArrays}), so that
 * none is freed twice within a call, and never removes an id. That is one {@code Long} in a set per op per forward
 * pass: about 9 KB a pass for CliqueNet, which the 20-minute soak of {@code fer faults} showed as the processor's
 * heap climbing by about 23 MB a minute at 50 frames/s. An id is never seen again after its call (an array reused
 * from the session's cache gets a new id), so clearing the set between calls is safe.
 */
final class ForgetfulSession extends InferenceSession {

    ForgetfulSession(SameDiff sd) {
        super(sd);
    }

    /** Forgets the ids of the arrays freed so far; call between forward passes only. */
    void forget() {
        freedArrays.clear();
    }

    /** How many freed array ids the session holds. */
    int remembered() {
        return freedArrays.size();
    }
}
