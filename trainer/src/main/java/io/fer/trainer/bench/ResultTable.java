package io.fer.trainer.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small table of results printed as aligned text or as a Markdown table. Cells are strings; columns whose cells
 * all look like numbers are right-aligned.
 */
public final class ResultTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public ResultTable(String... header) {
        if (header.length == 0) throw new IllegalArgumentException("a table needs at least one column");
        this.header = List.of(header);
    }

    /**
     * Adds a row; values are formatted with {@link String#valueOf}.
     *
     * @throws IllegalArgumentException when the row has another number of cells than the header
     */
    public ResultTable add(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row needs " + header.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** Aligned plain text, one line per row, columns two spaces apart. */
    public String text() {
        int[] width = widths();
        boolean[] right = numericColumns();
        StringBuilder b = new StringBuilder();
        b.append(line(header, width, right, "", "  ", ""));
        for (List<String> row : rows) b.append(line(row, width, right, "", "  ", ""));
        return b.toString();
    }

    /** A Markdown (GitHub) table. */
    public String markdown() {
        int[] width = widths();
        boolean[] right = numericColumns();
        StringBuilder b = new StringBuilder();
        b.append(line(header, width, right, "| ", " | ", " |"));
        b.append('|');
        for (int c = 0; c < width.length; c++) {
            b.append(right[c] ? " " + "-".repeat(Math.max(3, width[c]) - 1) + ": |" : " " + "-".repeat(Math.max(3, width[c])) + " |");
        }
        b.append('\n');
        for (List<String> row : rows) b.append(line(row, width, right, "| ", " | ", " |"));
        return b.toString();
    }

    private int[] widths() {
        int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = header.get(c).length();
            for (List<String> row : rows) w[c] = Math.max(w[c], row.get(c).length());
        }
        return w;
    }

    private boolean[] numericColumns() {
        boolean[] numeric = new boolean[header.size()];
        for (int c = 0; c < numeric.length; c++) {
            final int col = c;
            numeric[c] = !rows.isEmpty() && rows.stream().allMatch(r -> r.get(col).matches("[-+]?[0-9][0-9.,]*%?|-"));
        }
        return numeric;
    }

    private static String line(List<String> cells, int[] width, boolean[] right, String open, String separator,
                               String close) {
        StringBuilder b = new StringBuilder(open);
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) b.append(separator);
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            b.append(right[c] ? pad + cell : cell + pad);
        }
        return b.append(close).toString().stripTrailing() + "\n";
    }
}
