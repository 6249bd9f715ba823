package io.fer.trainer;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** PNG plots of a training run, drawn headless with java.awt: the training curves and a confusion matrix. */
final class TrainingPlots {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color TEST = new Color(0xd62728);
    private static final int LEGEND_WIDTH = 90;
    private static final int LEGEND_ROW = 16;

    private TrainingPlots() {
    }

    /** Loss (left) and accuracy (right) per epoch. */
    static void curves(List<EpochRecord> history, String title, Path file) throws IOException {
        BufferedImage img = new BufferedImage(1000, 420, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 20, 24);
        panel(g, 60, 50, 400, 320, history, "training loss", List.of(EpochRecord::trainLoss), List.of(TRAIN),
                List.of("train"));
        panel(g, 560, 50, 400, 320, history, "accuracy",
                List.of(EpochRecord::trainAccuracy, EpochRecord::publicTestAccuracy), List.of(TRAIN, TEST),
                List.of("train", "PublicTest"));
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void panel(Graphics2D g, int x, int y, int w, int h, List<EpochRecord> history, String name,
                              List<ToDoubleFunction<EpochRecord>> series, List<Color> colours, List<String> labels) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (ToDoubleFunction<EpochRecord> s : series) {
            for (EpochRecord r : history) {
                min = Math.min(min, s.applyAsDouble(r));
                max = Math.max(max, s.applyAsDouble(r));
            }
        }
        if (history.isEmpty()) {
            min = 0;
            max = 1;
        }
        if (max - min < 1e-9) {
            max += 0.5;
            min -= 0.5;
        }
        double pad = (max - min) * 0.05;
        min -= pad;
        max += pad;
        int epochs = Math.max(history.size(), 2);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(x, y, w, h);
        g.drawString(name, x + w / 2 - 30, y - 6);
        g.drawString("epoch", x + w / 2 - 15, y + h + 32);
        for (int t = 0; t <= 4; t++) {
            double v = min + (max - min) * t / 4;
            int py = y + h - (int) (h * t / 4.0);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x + 1, py, x + w - 1, py);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.3f", v), x - 48, py + 4);
        }
        for (int e = 1; e <= epochs; e += Math.max(1, epochs / 10)) {
            int px = x + (int) ((long) w * (e - 1) / (epochs - 1));
            g.drawString(Integer.toString(e), px - 4, y + h + 16);
        }
        int[] xs = new int[history.size()];
        int[][] ys = new int[series.size()][history.size()];
        for (int i = 0; i < history.size(); i++) {
            xs[i] = x + (int) ((long) w * i / (epochs - 1));
            for (int s = 0; s < series.size(); s++) {
                ys[s][i] = y + h - (int) (h * (series.get(s).applyAsDouble(history.get(i)) - min) / (max - min));
            }
        }
        int legendHeight = 8 + LEGEND_ROW * labels.size();
        boolean onTop = legendOnTop(xs, ys, x + w - LEGEND_WIDTH, y, y + h, legendHeight);
        int legendTop = onTop ? y : y + h - legendHeight;
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.size(); s++) {
            g.setColor(colours.get(s));
            for (int i = 0; i < history.size(); i++) {
                if (i > 0) g.drawLine(xs[i - 1], ys[s][i - 1], xs[i], ys[s][i]);
                g.fillOval(xs[i] - 3, ys[s][i] - 3, 6, 6);
            }
            g.drawString(labels.get(s), x + w - LEGEND_WIDTH, legendTop + LEGEND_ROW * (s + 1));
        }
        g.setStroke(new BasicStroke(1f));
    }

    /**
     * Whether the legend goes in the panel's top-right corner rather than its bottom-right one: the corner that
     * covers fewer of the plotted points (a falling loss leaves the top free, a rising accuracy the bottom).
     *
     * @param xs each epoch's x, shared by every series
     * @param ys each series' y for each epoch
     */
    static boolean legendOnTop(int[] xs, int[][] ys, int legendLeft, int top, int bottom, int legendHeight) {
        int coveredTop = 0;
        int coveredBottom = 0;
        for (int[] series : ys) {
            for (int i = 0; i < xs.length; i++) {
                if (xs[i] < legendLeft) continue;
                if (series[i] <= top + legendHeight) coveredTop++;
                if (series[i] >= bottom - legendHeight) coveredBottom++;
            }
        }
        return coveredTop <= coveredBottom;
    }

    /** The confusion matrix with counts, shaded by row share (recall). */
    static void confusion(long[][] matrix, List<String> classes, String title, Path file) throws IOException {
        int k = classes.size();
        int cell = 64;
        int left = 110;
        int top = 70;
        BufferedImage img = new BufferedImage(left + k * cell + 30, top + k * cell + 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("predicted", left + k * cell / 2 - 25, 42);
        for (int t = 0; t < k; t++) {
            long row = 0;
            for (long v : matrix[t]) row += v;
            g.setColor(Color.BLACK);
            g.drawString(classes.get(t), 10, top + t * cell + cell / 2 + 4);
            g.drawString(classes.get(t).substring(0, Math.min(7, classes.get(t).length())), left + t * cell + 6,
                    top - 8);
            for (int p = 0; p < k; p++) {
                double share = row == 0 ? 0 : (double) matrix[t][p] / row;
                int shade = 255 - (int) (200 * share);
                g.setColor(new Color(shade, shade, 255));
                g.fillRect(left + p * cell, top + t * cell, cell, cell);
                g.setColor(Color.GRAY);
                g.drawRect(left + p * cell, top + t * cell, cell, cell);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                g.drawString(Long.toString(matrix[t][p]), left + p * cell + 8, top + t * cell + cell / 2 - 2);
                g.drawString(String.format(Locale.ROOT, "%.0f%%", 100 * share), left + p * cell + 8,
                        top + t * cell + cell / 2 + 14);
            }
        }
        g.setColor(Color.BLACK);
        g.drawString("rows: true class; shade: share of the row", left, top + k * cell + 30);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        return g;
    }
}
