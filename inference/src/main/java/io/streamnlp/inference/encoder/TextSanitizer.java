package io.streamnlp.inference.encoder;

/**
 * Makes arbitrary Java strings safe for the native tokenizer without moving any character: the
 * result has the same length, so offsets computed on it are offsets into the original text.
 *
 * <p>Lone surrogates are not valid Unicode and NUL is encoded as an overlong sequence in JNI's
 * modified UTF-8; both become U+FFFD.
 */
final class TextSanitizer {

    private TextSanitizer() {}

    static String sanitize(String text) {
        char[] chars = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= n || !Character.isLowSurrogate(text.charAt(i + 1));
                if (!bad) {
                    i++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c) || c == '\u0000';
            }
            if (bad) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = '\uFFFD';
            }
        }
        return chars == null ? text : new String(chars);
    }
}
