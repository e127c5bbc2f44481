package io.streamnlp.inference.heads;

import io.streamnlp.inference.encoder.EncodedText;

/**
 * The surface shape of the word a token starts, as 0/1 features joined to its token states for NER.
 * The shipped encoders are uncased, so capitalisation, the strongest cue for names in edited text,
 * never reaches the token states; these features give it back, with digits and punctuation, which mark
 * order numbers, amounts and e-mail addresses.
 */
public final class Orthography {
    /** Features per word, in the order {@link #features} writes them. */
    public static final int DIM = 10;

    private Orthography() {}

    /**
     * Shape of the word starting at {@code token}: initial capital, all capitals (two letters or more),
     * a capital after the first character, all lower case, has a digit, all digits, has a character that is
     * neither letter nor digit, starts with {@code @} or {@code #}, first word of the text, glued to the
     * previous word (no space between).
     */
    public static float[] features(EncodedText t, int token) {
        String word = t.text().substring(t.tokenStart(token), wordEnd(t, token));
        int letters = 0;
        int upper = 0;
        int lower = 0;
        int digits = 0;
        int other = 0;
        boolean innerCapital = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                    innerCapital |= i > 0;
                } else if (Character.isLowerCase(c)) {
                    lower++;
                }
            } else if (Character.isDigit(c)) {
                digits++;
            } else {
                other++;
            }
        }
        int previous = previousWordToken(t, token);
        return new float[] {
            flag(!word.isEmpty() && Character.isUpperCase(word.charAt(0))),
            flag(letters >= 2 && upper == letters),
            flag(innerCapital),
            flag(letters > 0 && lower == letters),
            flag(digits > 0),
            flag(!word.isEmpty() && digits == word.length()),
            flag(other > 0),
            flag(!word.isEmpty() && (word.charAt(0) == '@' || word.charAt(0) == '#')),
            flag(previous < 0),
            flag(previous >= 0 && t.tokenEnd(previous) == t.tokenStart(token)),
        };
    }

    /** End of the word that starts at {@code token}: the end of its last sub-word. */
    static int wordEnd(EncodedText t, int token) {
        int last = token;
        while (last + 1 < t.tokenCount() && !t.isSpecial(last + 1) && t.wordId(last + 1) == t.wordId(token)) {
            last++;
        }
        return t.tokenEnd(last);
    }

    private static int previousWordToken(EncodedText t, int token) {
        for (int p = token - 1; p >= 0; p--) {
            if (!t.isSpecial(p)) {
                return p;
            }
        }
        return -1;
    }

    private static float flag(boolean value) {
        return value ? 1f : 0f;
    }
}
