package org.hosthog.api;

/**
 * Makes user-typed text safe to print on someone else's terminal.
 *
 * <p>Messages and names travel to other users' terminals (motd, wall, list). Escape sequences,
 * control characters, C1 controls and bidi overrides could drive those terminals or disguise text,
 * so they are removed; ordinary Unicode (umlauts, CJK, emoji) is kept.
 */
public final class Text {
  private Text() {}

  /** Removes escape sequences and control characters; tabs and newlines become spaces. */
  public static String sanitize(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (cp == 0x1B) {
        i = skipEscape(text, i + 1);
        continue;
      }
      i += Character.charCount(cp);
      if (cp == '\t' || cp == '\n' || cp == '\r') {
        out.append(' ');
      } else if (!isUnsafe(cp)) {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /** Skips the rest of an escape sequence that began just before {@code i}. */
  private static int skipEscape(String text, int i) {
    if (i >= text.length()) {
      return i;
    }
    char kind = text.charAt(i);
    if (kind == '[') { // CSI: parameters and intermediates, then one final byte 0x40-0x7E
      i++;
      while (i < text.length() && (text.charAt(i) < 0x40 || text.charAt(i) > 0x7E)) {
        i++;
      }
      return Math.min(i + 1, text.length());
    }
    if (kind == ']' || kind == 'P' || kind == '_' || kind == '^' || kind == 'X') {
      // OSC, DCS, APC, PM, SOS: a string ended by BEL or ST (ESC \)
      i++;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == 0x07) {
          return i + 1;
        }
        if (c == 0x1B && i + 1 < text.length() && text.charAt(i + 1) == '\\') {
          return i + 2;
        }
        i++;
      }
      return i;
    }
    return i + 1; // two-character escape such as ESC c
  }

  private static boolean isUnsafe(int cp) {
    return Character.getType(cp) == Character.CONTROL // C0, DEL, C1
        || (cp >= 0x202A && cp <= 0x202E) // bidi embeddings and overrides
        || (cp >= 0x2066 && cp <= 0x2069) // bidi isolates
        || cp == 0x200E
        || cp == 0x200F
        || cp == 0x061C
        || cp == 0x2028
        || cp == 0x2029
        || Character.getType(cp) == Character.SURROGATE
        || Character.getType(cp) == Character.UNASSIGNED && cp >= 0xE0000; // tag characters
  }
}
