package io.fer.trainer.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResultTableTest {

    @Test
    void textAlignsNumbersRightAndWordsLeft() {
        ResultTable t = new ResultTable("engine", "images/s").add("nd4j", "54.3").add("pytorch", "1234.5");
        assertEquals("""
                engine   images/s
                nd4j         54.3
                pytorch    1234.5
                """, t.text());
    }

    @Test
    void markdownHasAHeaderRuleWithAlignment() {
        ResultTable t = new ResultTable("engine", "% of peak").add("nd4j", "12.5%");
        assertEquals("""
                | engine | % of peak |
                | ------ | --------: |
                | nd4j   |     12.5% |
                """, t.markdown());
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        ResultTable t = new ResultTable("a", "b");
        assertThrows(IllegalArgumentException.class, () -> t.add("only one"));
    }
}
