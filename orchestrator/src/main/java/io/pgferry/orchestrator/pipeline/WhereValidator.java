package io.pgferry.orchestrator.pipeline;

import io.pgferry.extractor.PgferryException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.TokenMgrException;

/**
 * Checks a {@code where} condition before anything connects, so a typo fails in a second with a line and
 * column instead of after the base phase. The condition is parsed on its own as an expression (what
 * {@code SELECT 1 FROM t WHERE <condition>} would parse after WHERE) and must be consumed to the end,
 * which rejects {@code ;} statement breaks and trailing clauses such as {@code ORDER BY} or {@code UNION}.
 * The server still has the last word: names and types are only checked when the load runs.
 */
final class WhereValidator {
  private static final Pattern LEXICAL = Pattern.compile("line (\\d+), column (\\d+)");

  private WhereValidator() {}

  static void validate(String table, YamlNode.Scalar scalar, SourceText source) {
    check("where condition of table '" + table + "'", scalar, source, true);
  }

  /**
   * Checks an SQL expression of a pipeline ({@code when} conditions, {@code sql} expressions) the same way.
   *
   * @param condition whether it must be able to be a condition
   */
  static void check(String what, YamlNode.Scalar scalar, SourceText source, boolean condition) {
    String text = scalar.text();
    if (text.isBlank()) {
      throw ConfigErrors.at(scalar.where(), what + " is empty", "remove the key to copy all rows");
    }
    // JavaCC counts a tab as up to 8 columns; a space keeps the SQL equivalent and the columns one per char.
    CCJSqlParser parser = CCJSqlParserUtil.newParser(text.replace('\t', ' ')).withAllowComplexParsing(true);
    Expression expression;
    try {
      expression = parser.Expression();
    } catch (ParseException e) {
      Token bad = e.currentToken == null ? null : e.currentToken.next;
      throw unexpected(what, scalar, source, bad);
    } catch (TokenMgrException e) {
      Matcher m = LEXICAL.matcher(String.valueOf(e.getMessage()));
      Location where = m.find()
          ? source.locate(scalar, indexOf(text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
          : scalar.where();
      if (String.valueOf(e.getMessage()).contains("<EOF>")) {
        throw ConfigErrors.at(where, what + " ends inside an unclosed quote or comment");
      }
      throw ConfigErrors.at(where, what + " has a character SQL does not allow here",
          "check quotes and operators");
    } catch (RuntimeException | Error e) {
      // JSqlParser signals some grammar dead ends with unchecked errors; they are still the user's syntax.
      throw ConfigErrors.at(scalar.where(), what + " cannot be parsed (" + e.getClass().getSimpleName() + ")");
    }
    Token next = parser.getNextToken();
    if (next.kind != CCJSqlParserConstants.EOF) {
      throw unexpected(what, scalar, source, next);
    }
    String notCondition = condition ? notACondition(expression) : null;
    if (notCondition != null) {
      throw ConfigErrors.at(scalar.where(), what + " is " + notCondition + ", not a condition",
          "write a test such as status <> 'void'");
    }
  }

  private static PgferryException unexpected(String what, YamlNode.Scalar scalar, SourceText source, Token bad) {
    String text = scalar.text();
    if (bad == null) {
      return ConfigErrors.at(scalar.where(), what + " has a syntax error");
    }
    Location where = source.locate(scalar, bad.kind == CCJSqlParserConstants.EOF
        ? text.stripTrailing().length()
        : indexOf(text, bad.beginLine, bad.beginColumn));
    if (bad.kind == CCJSqlParserConstants.EOF) {
      return ConfigErrors.at(where, what + " ends too early", "something is missing after '" + lastWord(text) + "'");
    }
    if (";".equals(bad.image)) {
      return ConfigErrors.at(where, what + " contains a ';' statement break",
          "give one condition, without ';'");
    }
    return ConfigErrors.at(where, what + " has a syntax error near '" + bad.image + "'");
  }

  /** A readable name for top-level expressions that can never be a row filter, or null for plausible ones. */
  private static String notACondition(Expression e) {
    if (e instanceof LongValue || e instanceof DoubleValue) {
      return "a number";
    }
    if (e instanceof StringValue || e instanceof DateTimeLiteralExpression || e instanceof IntervalExpression) {
      return "a literal value";
    }
    if (e instanceof NullValue) {
      return "NULL";
    }
    if (e instanceof Addition || e instanceof Subtraction || e instanceof Multiplication
        || e instanceof Division || e instanceof Modulo || e instanceof Concat) {
      return "an arithmetic expression";
    }
    // Columns, functions and casts may be boolean; the server decides.
    return null;
  }

  /** The value index of a 1-based JavaCC line and column in {@code text}. */
  private static int indexOf(String text, int line, int column) {
    int index = 0;
    for (int l = 1; l < line; l++) {
      int nl = text.indexOf('\n', index);
      if (nl < 0) {
        return text.length();
      }
      index = nl + 1;
    }
    return Math.min(text.length(), index + column - 1);
  }

  private static String lastWord(String text) {
    String[] words = text.strip().split("\\s+");
    return words[words.length - 1];
  }
}
