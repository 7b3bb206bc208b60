package org.convscope.core.render;

import java.util.HashMap;
import java.util.Map;

/**
 * A 5 × 7 pixel font of printable ASCII for the titles of the pictures the command line and the workbench write,
 * drawn into {@code ARGB} pixel arrays. Built in, so that a picture looks the same on every machine
 * and needs no system font (a headless server often has none, and AWT's text then fails). Each
 * glyph sits in a 6 × 9 cell (a column and two rows of spacing) and is enlarged by an integer
 * scale; a character without a glyph is drawn as {@code ?}, and the minus sign U+2212 as a hyphen.
 */
public final class PixelFont {

    /** Glyph columns and rows. */
    public static final int WIDTH = 5;
    public static final int HEIGHT = 7;
    /** The cell: the advance from one character to the next, and from one line to the next. */
    public static final int ADVANCE = WIDTH + 1;
    public static final int LINE = HEIGHT + 2;

    /** One line per character: the character, then its seven rows from the top, {@code #} set. */
    private static final String GLYPHS = """
            ! ..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..
            " .#.#. .#.#. ..... ..... ..... ..... .....
            # .#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.
            $ ..#.. .#### #.#.. .###. ..#.# ####. ..#..
            % ##... ##..# ...#. ..#.. .#... #..## ...##
            & .##.. #..#. #.#.. .#... #.#.# #..#. .##.#
            ' ..#.. ..#.. ..... ..... ..... ..... .....
            ( ...#. ..#.. .#... .#... .#... ..#.. ...#.
            ) .#... ..#.. ...#. ...#. ...#. ..#.. .#...
            * ..... ..#.. #.#.# .###. #.#.# ..#.. .....
            + ..... ..#.. ..#.. ##### ..#.. ..#.. .....
            , ..... ..... ..... ..... .##.. ..#.. .#...
            - ..... ..... ..... .###. ..... ..... .....
            . ..... ..... ..... ..... ..... .##.. .##..
            / ..... ....# ...#. ..#.. .#... #.... .....
            0 .###. #...# #..## #.#.# ##..# #...# .###.
            1 ..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.
            2 .###. #...# ....# ...#. ..#.. .#... #####
            3 ##### ...#. ..#.. ...#. ....# #...# .###.
            4 ...#. ..##. .#.#. #..#. ##### ...#. ...#.
            5 ##### #.... ####. ....# ....# #...# .###.
            6 ..##. .#... #.... ####. #...# #...# .###.
            7 ##### ....# ...#. ..#.. .#... .#... .#...
            8 .###. #...# #...# .###. #...# #...# .###.
            9 .###. #...# #...# .#### ....# ...#. .##..
            : ..... .##.. .##.. ..... .##.. .##.. .....
            ; ..... .##.. .##.. ..... .##.. ..#.. .#...
            < ...#. ..#.. .#... #.... .#... ..#.. ...#.
            = ..... ..... ##### ..... ##### ..... .....
            > .#... ..#.. ...#. ....# ...#. ..#.. .#...
            ? .###. #...# ....# ...#. ..#.. ..... ..#..
            @ .###. #...# ....# .##.# #.#.# #.#.# .###.
            A .###. #...# #...# ##### #...# #...# #...#
            B ####. #...# #...# ####. #...# #...# ####.
            C .###. #...# #.... #.... #.... #...# .###.
            D ###.. #..#. #...# #...# #...# #..#. ###..
            E ##### #.... #.... ####. #.... #.... #####
            F ##### #.... #.... ####. #.... #.... #....
            G .###. #...# #.... #.### #...# #...# .####
            H #...# #...# #...# ##### #...# #...# #...#
            I .###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.
            J ..### ...#. ...#. ...#. ...#. #..#. .##..
            K #...# #..#. #.#.. ##... #.#.. #..#. #...#
            L #.... #.... #.... #.... #.... #.... #####
            M #...# ##.## #.#.# #.#.# #...# #...# #...#
            N #...# #...# ##..# #.#.# #..## #...# #...#
            O .###. #...# #...# #...# #...# #...# .###.
            P ####. #...# #...# ####. #.... #.... #....
            Q .###. #...# #...# #...# #.#.# #..#. .##.#
            R ####. #...# #...# ####. #.#.. #..#. #...#
            S .#### #.... #.... .###. ....# ....# ####.
            T ##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..
            U #...# #...# #...# #...# #...# #...# .###.
            V #...# #...# #...# #...# #...# .#.#. ..#..
            W #...# #...# #...# #.#.# #.#.# #.#.# .#.#.
            X #...# #...# .#.#. ..#.. .#.#. #...# #...#
            Y #...# #...# .#.#. ..#.. ..#.. ..#.. ..#..
            Z ##### ....# ...#. ..#.. .#... #.... #####
            [ .###. .#... .#... .#... .#... .#... .###.
            \\ ..... #.... .#... ..#.. ...#. ....# .....
            ] .###. ...#. ...#. ...#. ...#. ...#. .###.
            ^ ..#.. .#.#. #...# ..... ..... ..... .....
            _ ..... ..... ..... ..... ..... ..... #####
            ` .#... ..#.. ..... ..... ..... ..... .....
            a ..... ..... .###. ....# .#### #...# .####
            b #.... #.... #.##. ##..# #...# #...# ####.
            c ..... ..... .###. #.... #.... #...# .###.
            d ....# ....# .##.# #..## #...# #...# .####
            e ..... ..... .###. #...# ##### #.... .###.
            f ..##. .#..# .#... ###.. .#... .#... .#...
            g ..... ..... .#### #...# .#### ....# .###.
            h #.... #.... #.##. ##..# #...# #...# #...#
            i ..#.. ..... .##.. ..#.. ..#.. ..#.. .###.
            j ...#. ..... ..##. ...#. ...#. #..#. .##..
            k #.... #.... #..#. #.#.. ##... #.#.. #..#.
            l .##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.
            m ..... ..... ##.#. #.#.# #.#.# #...# #...#
            n ..... ..... #.##. ##..# #...# #...# #...#
            o ..... ..... .###. #...# #...# #...# .###.
            p ..... ..... ####. #...# ####. #.... #....
            q ..... ..... .##.# #..## .#### ....# ....#
            r ..... ..... #.##. ##..# #.... #.... #....
            s ..... ..... .###. #.... .###. ....# ####.
            t .#... .#... ###.. .#... .#... .#..# ..##.
            u ..... ..... #...# #...# #...# #..## .##.#
            v ..... ..... #...# #...# #...# .#.#. ..#..
            w ..... ..... #...# #...# #.#.# #.#.# .#.#.
            x ..... ..... #...# .#.#. ..#.. .#.#. #...#
            y ..... ..... #...# #...# .#### ....# .###.
            z ..... ..... ##### ...#. ..#.. .#... #####
            { ...#. ..#.. ..#.. .#... ..#.. ..#.. ...#.
            | ..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..
            } .#... ..#.. ..#.. ...#. ..#.. ..#.. .#...
            ~ ..... ..... .#... #.#.# ...#. ..... .....
            """;

    private static final Map<Character, boolean[]> FONT = parse();

    private PixelFont() {
    }

    private static Map<Character, boolean[]> parse() {
        Map<Character, boolean[]> font = new HashMap<>();
        for (String line : GLYPHS.strip().split("\n")) {
            String rows = line.strip().substring(2).replace(" ", "");
            boolean[] set = new boolean[WIDTH * HEIGHT];
            for (int i = 0; i < set.length; i++) {
                set[i] = rows.charAt(i) == '#';
            }
            font.put(line.strip().charAt(0), set);
        }
        font.put(' ', new boolean[WIDTH * HEIGHT]);
        font.put('\u2212', font.get('-'));
        return font;
    }

    /** @return the width in pixels of {@code text} at {@code scale} (no spacing after the last character) */
    public static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * ADVANCE - 1) * scale;
    }

    /**
     * @return {@code text}, or as much of it as fits in {@code pixels} at {@code scale} with
     *         {@code ..} in place of the rest
     */
    public static String fit(String text, int pixels, int scale) {
        if (width(text, scale) <= pixels) {
            return text;
        }
        int n = text.length();
        while (n > 0 && width(text.substring(0, n) + "..", scale) > pixels) {
            n--;
        }
        return n == 0 ? "" : text.substring(0, n) + "..";
    }

    /**
     * Draws {@code text} with its top left corner at ({@code x}, {@code y}); pixels outside the image
     * are skipped.
     *
     * @param argb  the image's pixels, row by row
     * @param width the image's width
     */
    public static void draw(int[] argb, int width, int x, int y, String text, int color, int scale) {
        int height = argb.length / width;
        for (int i = 0; i < text.length(); i++) {
            boolean[] glyph = FONT.getOrDefault(text.charAt(i), FONT.get('?'));
            int x0 = x + i * ADVANCE * scale;
            for (int r = 0; r < HEIGHT * scale; r++) {
                for (int c = 0; c < WIDTH * scale; c++) {
                    int px = x0 + c;
                    int py = y + r;
                    if (glyph[(r / scale) * WIDTH + c / scale] && px >= 0 && py >= 0 && px < width && py < height) {
                        argb[py * width + px] = color;
                    }
                }
            }
        }
    }
}
