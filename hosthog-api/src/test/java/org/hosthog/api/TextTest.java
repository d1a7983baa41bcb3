package org.hosthog.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile text must not reach another user's terminal; ordinary Unicode must. */
class TextTest {
  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          reboot \\e[31mnow\\e[0m|reboot now|CSI colour
          \\e[2J\\e[Hcleared|cleared|CSI clear screen
          \\e]0;owned\\atitle|title|OSC ended by BEL
          \\e]8;;http://evil\\e\\\\link\\e]8;;\\e\\\\|link|OSC 8 hyperlink ended by ST
          \\ePqdata\\e\\\\after|after|DCS
          \\ecreset|reset|two-character escape
          bell\\a here|bell here|BEL
          back\\bspace|backspace|backspace
          line\\rcarriage|line carriage|CR becomes space
          two\\nlines|two lines|newline becomes space
          tab\\there|tab here|tab becomes space
          c1\\u009bcsi|c1csi|C1 CSI
          del\\u007f|del|DEL
          bidi \\u202eevil\\u202c|bidi evil|bidi override
          iso\\u2066late\\u2069|isolate|bidi isolate
          Müller 训练 🚀 naïve|Müller 训练 🚀 naïve|ordinary unicode survives
          trailing\\e|trailing|lone ESC at the end
          \\e[|''|unterminated CSI
          """)
  void sanitize(String input, String expected, String what) {
    assertEquals(expected, Text.sanitize(unescape(input)));
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'e' -> out.append('\u001b');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'r' -> out.append('\r');
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(n);
      }
    }
    return out.toString();
  }
}
