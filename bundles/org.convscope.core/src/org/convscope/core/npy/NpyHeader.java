package org.convscope.core.npy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.convscope.core.text.MessageBundles;

/**
 * The header dictionary of a {@code .npy} file: a Python literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (1, 28, 28, 32), }}. Parsed with a few
 * patterns rather than a Python parser, since numpy writes only this one form.
 */
record NpyHeader(String descr, boolean fortranOrder, int[] shape) {

    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    /** @return the parsed header; {@code name} only labels errors */
    static NpyHeader parse(String text, String name) throws NpyFormatException {
        Matcher d = DESCR.matcher(text);
        if (!d.find()) {
            if (text.contains("'descr': [") || text.contains("\"descr\": [")) {
                throw new NpyFormatException(name, Messages.structuredArray);
            }
            throw new NpyFormatException(name, MessageBundles.bind(Messages.noDescr, shown(text)));
        }
        Matcher f = FORTRAN.matcher(text);
        Matcher s = SHAPE.matcher(text);
        if (!f.find() || !s.find()) {
            throw new NpyFormatException(name, MessageBundles.bind(Messages.noOrderOrShape, shown(text)));
        }
        List<Integer> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String p = part.strip();
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1); // Python 2 longs
            }
            if (p.isEmpty()) {
                continue;
            }
            long v;
            try {
                v = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(name,
                        MessageBundles.bind(Messages.badDimension, shown(p), shown(s.group(1))));
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new NpyFormatException(name, MessageBundles.bind(Messages.dimensionOutOfRange, v));
            }
            dims.add((int) v);
        }
        return new NpyHeader(d.group(1), f.group(1).equals("True"),
                dims.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * @return header text as a message may show it: on one line, printable characters only (a
     *         damaged header may hold anything), and not too long
     */
    static String shown(String text) {
        StringBuilder b = new StringBuilder();
        String t = text.strip();
        int i = 0;
        for (; i < t.length() && b.length() < 120; i++) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c)) {
                if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
                    b.append(' ');
                }
            } else {
                b.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
        }
        return i < t.length() ? b.append("...").toString() : b.toString();
    }

    /** @return numpy's literal for a C-order little-endian float32 array of {@code shape} */
    static String format(int[] shape) {
        StringBuilder b = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            b.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        }
        return b.append("), }").toString();
    }
}
