package io.fer.producer.vision;

import io.fer.producer.vision.FaceVote.Detection;
import io.fer.producer.vision.FaceVote.Face;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FaceVoteTest {

    private static final int HAAR = 0, LBP = 1;
    private final FaceVote vote = new FaceVote(2, 3, 20);

    @Test
    void keepsAFaceBothCascadesFoundOnceWithItsStrongestDetection() {
        Detection strongest = detection(HAAR, 0, 100, 100, 80, 9);
        List<Face> faces = vote.faces(List.of(
                detection(LBP, 0, 104, 98, 70, 2),
                strongest,
                detection(LBP, 1, 96, 103, 90, 2),   // the same face in a rotated view
                detection(HAAR, 2, 108, 95, 60, 4)));

        assertEquals(1, faces.size());
        assertEquals(strongest, faces.get(0).best());
        assertEquals(17, faces.get(0).neighbours());
    }

    @Test
    void oneCascadeAloneKeepsAFaceOnlyWhenItSeesItClearly() {
        assertEquals(List.of(), vote.faces(List.of(detection(HAAR, 0, 100, 100, 80, 12), detection(HAAR, 1, 102, 100, 80, 7))));
        assertEquals(List.of(), vote.faces(List.of(detection(HAAR, 0, 100, 100, 80, 12), detection(LBP, 0, 100, 100, 80, 2))),
                "the second cascade gives fewer than 3 neighbours");
        assertEquals(1, vote.faces(List.of(detection(LBP, 0, 100, 100, 80, 14), detection(LBP, 1, 101, 99, 82, 6))).size());
    }

    @Test
    void detectionsFarApartOrOfVeryDifferentSizeAreDifferentFaces() {
        List<Face> faces = vote.faces(List.of(
                detection(HAAR, 0, 100, 100, 80, 5), detection(LBP, 0, 100, 100, 80, 5),
                detection(HAAR, 0, 300, 100, 80, 4), detection(LBP, 0, 305, 100, 80, 3)));
        assertEquals(2, faces.size());
        assertEquals(100, faces.get(0).best().x());
        assertEquals(300, faces.get(1).best().x());

        // a box half the size at the same centre is not the same detection, yet it is no second face
        assertEquals(1, vote.faces(List.of(
                detection(HAAR, 0, 100, 100, 160, 30), detection(LBP, 0, 100, 100, 160, 30),
                detection(HAAR, 0, 100, 130, 60, 5), detection(LBP, 0, 100, 130, 60, 5))).size());
    }

    @Test
    void withOneCascadeItsOwnNeighboursDecide() {
        FaceVote alone = new FaceVote(1, 3, 20);
        assertEquals(1, alone.faces(List.of(detection(0, 0, 100, 100, 80, 3))).size());
        assertEquals(0, alone.faces(List.of(detection(0, 0, 100, 100, 80, 2))).size());
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new FaceVote(0, 3, 20));
        assertThrows(IllegalArgumentException.class, () -> new FaceVote(2, 0, 20));
    }

    /** A square detection of this side centred at (x, y), in picture coordinates (its view box is not used here). */
    private static Detection detection(int cascade, int view, double x, double y, int side, int neighbours) {
        return new Detection(cascade, view, (int) (x - side / 2.0), (int) (y - side / 2.0), side, x, y, neighbours);
    }
}
