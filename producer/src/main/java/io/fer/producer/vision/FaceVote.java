package io.fer.producer.vision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which detections are faces when several cascades search several views (rotations) of a picture.
 * <ol>
 *   <li>Detections of the same face from any cascade and view are merged: centres closer than half the larger side,
 *       sides within a factor of 2 (a detection joins the strongest face it matches).</li>
 *   <li>A face is kept when every cascade found it with at least {@code minEach} neighbours in total, or when its
 *       neighbours add up to {@code minAlone} (a face one cascade sees clearly and the other misses). One cascade
 *       alone fires on textures (gratings, soft blotches) too; two rarely agree there.</li>
 *   <li>Of two kept faces whose centres are within {@value #NESTED} of the larger side of each other on both axes,
 *       only the stronger stays: a box around part of a face, or shifted on it, is not a second face.</li>
 * </ol>
 */
public final class FaceVote {

    /**
     * A detection: the cascade (index) that made it, the view (index) it was found in and its box there, its centre
     * ({@code x}, {@code y}) in the picture, and its neighbours.
     */
    public record Detection(int cascade, int view, int left, int top, int size, double x, double y, int neighbours) {
    }

    /** A face: the strongest detection of it and the neighbours of all its detections. */
    public record Face(Detection best, int neighbours) {
    }

    static final double SAME_FACE = 0.5;
    static final double NESTED = 0.75;

    private final int cascades;
    private final int minEach;
    private final int minAlone;

    /**
     * @param cascades the number of cascades that voted (detections carry indexes 0..cascades-1)
     * @param minEach  neighbours each cascade must give a face for it to be kept on their agreement
     * @param minAlone neighbours that keep a face however few cascades found it
     */
    public FaceVote(int cascades, int minEach, int minAlone) {
        if (cascades < 1) throw new IllegalArgumentException("at least one cascade votes, got " + cascades);
        if (minEach < 1 || minAlone < 1) throw new IllegalArgumentException("neighbour thresholds must be >= 1, got " + minEach + " and " + minAlone);
        this.cascades = cascades;
        this.minEach = minEach;
        this.minAlone = minAlone;
    }

    /** The faces among the detections, strongest first. */
    public List<Face> faces(List<Detection> detections) {
        List<Detection> strongestFirst = new ArrayList<>(detections);
        strongestFirst.sort(Comparator.comparingInt(Detection::neighbours).reversed());
        List<List<Detection>> groups = new ArrayList<>();
        for (Detection d : strongestFirst) {
            groups.stream().filter(g -> sameFace(g.get(0), d)).findFirst()
                    .orElseGet(() -> { List<Detection> g = new ArrayList<>(); groups.add(g); return g; })
                    .add(d);
        }
        List<Face> kept = groups.stream().filter(this::isFace)
                .map(g -> new Face(g.get(0), g.stream().mapToInt(Detection::neighbours).sum()))
                .sorted(Comparator.comparingInt(Face::neighbours).reversed()).toList();
        List<Face> faces = new ArrayList<>();
        for (Face f : kept) {
            if (faces.stream().noneMatch(other -> nested(other.best(), f.best()))) faces.add(f);
        }
        return faces;
    }

    private boolean isFace(List<Detection> group) {
        int[] perCascade = new int[cascades];
        for (Detection d : group) perCascade[d.cascade()] += d.neighbours();
        int total = 0, weakest = Integer.MAX_VALUE;
        for (int n : perCascade) {
            total += n;
            weakest = Math.min(weakest, n);
        }
        return weakest >= minEach || total >= minAlone;
    }

    private static boolean sameFace(Detection a, Detection b) {
        double larger = Math.max(a.size(), b.size()), smaller = Math.min(a.size(), b.size());
        return Math.hypot(a.x() - b.x(), a.y() - b.y()) < SAME_FACE * larger && larger < 2 * smaller;
    }

    private static boolean nested(Detection a, Detection b) {
        double larger = Math.max(a.size(), b.size());
        return Math.abs(a.x() - b.x()) < NESTED * larger && Math.abs(a.y() - b.y()) < NESTED * larger;
    }
}
