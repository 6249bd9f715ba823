package io.fer.model.pytorch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneDnnIsaTest {

    private static String cpu(String vendor, int family) {
        return "processor\t: 0\nvendor_id\t: " + vendor + "\ncpu family\t: " + family + "\nmodel\t\t: 2\n"
                + "model name\t: AMD EPYC\n\nprocessor\t: 1\nvendor_id\t: " + vendor + "\n";
    }

    @Test
    void onlyAmdFamily26IsZen5() {
        assertTrue(OneDnnIsa.isZen5(cpu("AuthenticAMD", 26)));
        assertFalse(OneDnnIsa.isZen5(cpu("AuthenticAMD", 25)), "Zen 3 and Zen 4 are family 25");
        assertFalse(OneDnnIsa.isZen5(cpu("GenuineIntel", 6)));
        assertFalse(OneDnnIsa.isZen5(cpu("AuthenticAMD", 260)));
        assertFalse(OneDnnIsa.isZen5(""), "no /proc/cpuinfo");
    }

    @Test
    void onlySse41IsSafeOnZen5() {
        assertTrue(OneDnnIsa.isSafeOnZen5("SSE41"));
        assertTrue(OneDnnIsa.isSafeOnZen5("sse41"));
        assertFalse(OneDnnIsa.isSafeOnZen5(null));
        assertFalse(OneDnnIsa.isSafeOnZen5("AVX"));
        assertFalse(OneDnnIsa.isSafeOnZen5("AVX2"));
        assertFalse(OneDnnIsa.isSafeOnZen5("AVX512_CORE"));
        assertFalse(OneDnnIsa.isSafeOnZen5("ALL"));
    }
}
