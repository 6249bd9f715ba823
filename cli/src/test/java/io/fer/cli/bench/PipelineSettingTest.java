package io.fer.cli.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineSettingTest {

    @Test
    void parsesSizeAndDelay() {
        PipelineSetting s = PipelineSetting.parse(" 32:20 ", "exactly_once_v2");
        assertEquals(new PipelineSetting(32, 20, "exactly_once_v2"), s);
        assertTrue(PipelineSetting.parse("1:0", "at_least_once").unbatched());
    }

    @Test
    void refusesBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> PipelineSetting.parse("32", "at_least_once"));
        assertThrows(IllegalArgumentException.class, () -> PipelineSetting.parse("a:b", "at_least_once"));
        assertThrows(IllegalArgumentException.class, () -> PipelineSetting.parse("0:10", "at_least_once"));
        assertThrows(IllegalArgumentException.class, () -> PipelineSetting.parse("8:10", "exactly_once"));
    }
}
