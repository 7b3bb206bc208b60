package org.convscope.core.keras;

/**
 * The part of the model's input that one position of a layer's output depends on, along height
 * ({@code y}) and width ({@code x}): position {@code i} of an axis covers input pixels
 * {@code [start + i * jump, start + i * jump + size)}, which may reach past the image where the
 * model pads it.
 *
 * @param y the height axis
 * @param x the width axis
 */
public record ReceptiveField(Axis y, Axis x) {

    /** The field of an input pixel: itself. */
    public static final ReceptiveField PIXEL = new ReceptiveField(Axis.PIXEL, Axis.PIXEL);

    /**
     * One spatial axis.
     *
     * @param start the first input pixel that output position 0 depends on (negative in padding)
     * @param jump  how far apart in input pixels neighbouring output positions are (the product of
     *              the strides)
     * @param size  how many input pixels one output position depends on
     */
    public record Axis(double start, double jump, double size) {

        /** An input pixel's own axis. */
        public static final Axis PIXEL = new Axis(0, 1, 1);

        /** @return the first input pixel of output position {@code i}, unclipped */
        public double first(int i) {
            return start + i * jump;
        }

        /**
         * @param i      an output position
         * @param length the input's length along this axis
         * @return {@code [from, to)} of the input pixels position {@code i} depends on, clipped to
         *         the input
         */
        public int[] span(int i, int length) {
            int from = (int) Math.floor(first(i));
            int to = (int) Math.ceil(first(i) + size);
            return new int[] { Math.max(0, Math.min(length, from)), Math.max(0, Math.min(length, to)) };
        }
    }

    /**
     * @param i      the output row
     * @param j      the output column
     * @param height the input's height
     * @param width  the input's width
     * @return {@code {top, left, bottom, right}} of the crop of the input that position (i, j)
     *         depends on, bottom and right exclusive, clipped to the input
     */
    public int[] crop(int i, int j, int height, int width) {
        int[] rows = y.span(i, height);
        int[] cols = x.span(j, width);
        return new int[] { rows[0], cols[0], rows[1], cols[1] };
    }
}
