package io.streamnlp.inference.hf;

/**
 * Maps Unicode code point offsets (what the Rust tokenizer reports, like Python's {@code str})
 * to Java char offsets, which differ once a text holds characters outside the BMP such as emoji.
 */
final class TextPositions {

    private final int[] charIndexOfCodePoint;

    private TextPositions(int[] charIndexOfCodePoint) {
        this.charIndexOfCodePoint = charIndexOfCodePoint;
    }

    static TextPositions of(String text) {
        int cps = text.codePointCount(0, text.length());
        if (cps == text.length()) {
            return new TextPositions(null);
        }
        int[] map = new int[cps + 1];
        int charIndex = 0;
        for (int cp = 0; cp < cps; cp++) {
            map[cp] = charIndex;
            charIndex += Character.charCount(text.codePointAt(charIndex));
        }
        map[cps] = text.length();
        return new TextPositions(map);
    }

    int charIndex(int codePointIndex) {
        if (charIndexOfCodePoint == null) {
            return codePointIndex;
        }
        return charIndexOfCodePoint[Math.min(codePointIndex, charIndexOfCodePoint.length - 1)];
    }

    /**
     * Replaces unpaired surrogates with U+FFFD. They are not valid Unicode, the native tokenizer
     * would mangle them and shift every later offset; the replacement keeps all char indices.
     */
    static String withoutLoneSurrogates(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = '\uFFFD';
            }
        }
        return chars == null ? text : new String(chars);
    }
}
