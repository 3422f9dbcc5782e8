package io.pgferry.testkit;

import java.util.ArrayList;
import java.util.List;

/** Splits a SQL script on top-level semicolons, honouring quotes, dollar quotes and comments. */
public final class SqlScript {
  private SqlScript() {}

  public static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    int n = script.length();
    while (i < n) {
      char ch = script.charAt(i);
      if (ch == '\'' || ch == '"') {
        int j = i + 1;
        while (j < n) {
          if (script.charAt(j) == ch) {
            if (j + 1 < n && script.charAt(j + 1) == ch) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        cur.append(script, i, Math.min(j + 1, n));
        i = j + 1;
      } else if (ch == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int j = script.indexOf('\n', i);
        i = j < 0 ? n : j;
      } else if (ch == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int j = script.indexOf("*/", i + 2);
        i = j < 0 ? n : j + 2;
      } else if (ch == '$') {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(script.charAt(j)) || script.charAt(j) == '_')) {
          j++;
        }
        if (j < n && script.charAt(j) == '$') {
          String tag = script.substring(i, j + 1);
          int end = script.indexOf(tag, j + 1);
          end = end < 0 ? n : end + tag.length();
          cur.append(script, i, end);
          i = end;
        } else {
          cur.append(ch);
          i++;
        }
      } else if (ch == ';') {
        add(out, cur);
        i++;
      } else {
        cur.append(ch);
        i++;
      }
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
    cur.setLength(0);
  }
}
