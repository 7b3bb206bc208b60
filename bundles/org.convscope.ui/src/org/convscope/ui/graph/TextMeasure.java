package org.convscope.ui.graph;

/**
 * How wide text is, so boxes fit their words. The view fills it from the real font in the UI
 * thread; layout then runs in a background job, and tests use {@link #approximate()} with no
 * display at all.
 */
public interface TextMeasure {

    /** @param text a line @param bold whether it is drawn bold @return its width in pixels */
    int width(String text, boolean bold);

    /** @return the height of one line in pixels */
    int lineHeight();

    /** @return a measure of a typical 9 pt sans font, for tests and export without a display */
    static TextMeasure approximate() {
        return new TextMeasure() {

            @Override
            public int width(String text, boolean bold) {
                return (int) Math.ceil(text.length() * (bold ? 7.2 : 6.6));
            }

            @Override
            public int lineHeight() {
                return 15;
            }
        };
    }

    /**
     * A measure from per-character advance widths taken once from a font, safe to use from any
     * thread afterwards.
     *
     * @param plain      advance of each char below {@code plain.length}, regular weight
     * @param bold       the same for bold
     * @param lineHeight the font's line height
     * @return the measure; other chars count as the widest known one
     */
    static TextMeasure ofAdvances(int[] plain, int[] bold, int lineHeight) {
        int[] p = plain.clone();
        int[] b = bold.clone();
        int widest = 0;
        for (int w : b) {
            widest = Math.max(widest, w);
        }
        int fallback = widest;
        return new TextMeasure() {

            @Override
            public int width(String text, boolean isBold) {
                int[] table = isBold ? b : p;
                int sum = 0;
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    sum += c < table.length ? table[c] : fallback;
                }
                return sum;
            }

            @Override
            public int lineHeight() {
                return lineHeight;
            }
        };
    }
}
