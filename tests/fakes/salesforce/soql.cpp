#include "soql.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/String.h>

#include <algorithm>
#include <cctype>

namespace actionhost::fakes::soql {

struct Condition {
  enum class Kind { all_of, any_of, compare, in } kind = Kind::compare;
  std::vector<std::shared_ptr<Condition>> children; // all_of, any_of
  std::string field, op;                            // compare, in
  std::vector<Value> values;                        // one for compare, several for in
};

namespace {

struct Token {
  enum class Kind { word, text, symbol, end } kind = Kind::end;
  std::string text;
  std::vector<bool> wild; // text tokens: unescaped % or _
};

[[noreturn]] void malformed(const std::string& why) {
  throw QueryError("MALFORMED_QUERY", why);
}

std::vector<Token> tokenize(const std::string& s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '\'') {
      Token t{Token::Kind::text, {}, {}};
      ++i;
      bool closed = false;
      while (i < s.size()) {
        char d = s[i++];
        if (d == '\'') {
          closed = true;
          break;
        }
        if (d == '\\') {
          if (i >= s.size())
            malformed("unterminated string literal");
          char e = s[i++];
          static const std::string plain = "'\"\\";
          char v = e == 'n'   ? '\n'
                   : e == 'r' ? '\r'
                   : e == 't' ? '\t'
                   : e == 'b' ? '\b'
                   : e == 'f' ? '\f'
                              : e;
          if (plain.find(e) == std::string::npos &&
              std::string("nrtbf%_").find(e) == std::string::npos)
            malformed("Invalid string literal: unknown escape \\" + std::string(1, e));
          t.text += v;
          t.wild.push_back(false);
          continue;
        }
        if (d == '\n' || d == '\r')
          malformed("line break in a string literal (escape it as \\n)");
        t.text += d;
        t.wild.push_back(d == '%' || d == '_');
      }
      if (!closed)
        malformed("unterminated string literal");
      out.push_back(t);
    } else if (std::string("(),").find(c) != std::string::npos) {
      out.push_back({Token::Kind::symbol, std::string(1, c), {}});
      ++i;
    } else if (std::string("=!<>").find(c) != std::string::npos) {
      std::string op(1, c);
      if (i + 1 < s.size() && s[i + 1] == '=')
        op += '=';
      if (op == "!")
        malformed("unexpected token: '!'");
      out.push_back({Token::Kind::symbol, op, {}});
      i += op.size();
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '+' ||
               c == '.') {
      size_t start = i;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) ||
                              std::string("_.:+-").find(s[i]) != std::string::npos))
        ++i;
      out.push_back({Token::Kind::word, s.substr(start, i - start), {}});
    } else {
      malformed("unexpected character '" + std::string(1, c) + "'");
    }
  }
  out.push_back({Token::Kind::end, {}, {}});
  return out;
}

bool keyword(const Token& t, const char* word) {
  return t.kind == Token::Kind::word && Poco::icompare(t.text, word) == 0;
}

class Parser {
public:
  explicit Parser(const std::string& text) : tokens_(tokenize(text)) {}

  Query query() {
    Query q;
    expect_keyword("SELECT");
    do {
      q.fields.push_back(word("a field name"));
    } while (accept(","));
    expect_keyword("FROM");
    q.object = word("an object name");
    if (keyword(peek(), "WHERE")) {
      next();
      q.where = expression();
    }
    if (keyword(peek(), "ORDER")) {
      next();
      expect_keyword("BY");
      do {
        std::string field = word("a field name");
        bool descending = false;
        if (keyword(peek(), "DESC")) {
          next();
          descending = true;
        } else if (keyword(peek(), "ASC")) {
          next();
        }
        q.order_by.emplace_back(field, descending);
      } while (accept(","));
    }
    if (keyword(peek(), "LIMIT")) {
      next();
      std::string n = word("a number");
      if (!std::all_of(n.begin(), n.end(), ::isdigit))
        malformed("LIMIT expects a number, got '" + n + "'");
      q.limit = std::stoul(n);
    }
    if (peek().kind != Token::Kind::end)
      malformed("unexpected token: '" + peek().text + "'");
    return q;
  }

private:
  // AND and OR may not mix at one level without parentheses.
  std::shared_ptr<Condition> expression() {
    auto first = atom();
    if (!keyword(peek(), "AND") && !keyword(peek(), "OR"))
      return first;
    auto node = std::make_shared<Condition>();
    bool is_and = keyword(peek(), "AND");
    node->kind = is_and ? Condition::Kind::all_of : Condition::Kind::any_of;
    node->children.push_back(first);
    while (keyword(peek(), "AND") || keyword(peek(), "OR")) {
      if (keyword(peek(), "AND") != is_and)
        malformed("unexpected token: '" + peek().text +
                  "' (use parentheses to combine AND and OR)");
      next();
      node->children.push_back(atom());
    }
    return node;
  }

  std::shared_ptr<Condition> atom() {
    if (accept("(")) {
      auto inner = expression();
      if (!accept(")"))
        malformed("expected ')'");
      return inner;
    }
    auto node = std::make_shared<Condition>();
    node->field = word("a field name");
    if (keyword(peek(), "IN")) {
      next();
      node->kind = Condition::Kind::in;
      if (!accept("("))
        malformed("IN expects '('");
      do {
        node->values.push_back(value());
      } while (accept(","));
      if (!accept(")"))
        malformed("expected ')'");
      return node;
    }
    const Token& op = peek();
    if (keyword(op, "LIKE")) {
      node->op = "LIKE";
    } else if (op.kind == Token::Kind::symbol &&
               (op.text == "=" || op.text == "!=" || op.text == "<" || op.text == "<=" ||
                op.text == ">" || op.text == ">=")) {
      node->op = op.text;
    } else {
      malformed("unexpected token: '" + op.text + "' after " + node->field);
    }
    next();
    node->values.push_back(value());
    return node;
  }

  Value value() {
    Token t = peek();
    next();
    Value v;
    if (t.kind == Token::Kind::text) {
      v.kind = Value::Kind::text;
      v.text = t.text;
      v.wild = t.wild;
    } else if (t.kind == Token::Kind::word && Poco::icompare(t.text, "null") == 0) {
      v.kind = Value::Kind::null;
    } else if (t.kind == Token::Kind::word &&
               (Poco::icompare(t.text, "true") == 0 || Poco::icompare(t.text, "false") == 0)) {
      v.kind = Value::Kind::boolean;
      v.number = Poco::icompare(t.text, "true") == 0;
    } else if (t.kind == Token::Kind::word && parse_datetime(t.text)) {
      v.kind = Value::Kind::datetime;
      v.datetime = *parse_datetime(t.text);
    } else if (t.kind == Token::Kind::word) {
      try {
        size_t used = 0;
        v.number = std::stod(t.text, &used);
        if (used != t.text.size())
          throw std::invalid_argument(t.text);
        v.kind = Value::Kind::number;
      } catch (const std::exception&) {
        malformed("unexpected token: '" + t.text + "' (strings must be quoted)");
      }
    } else {
      malformed("expected a value, got '" + t.text + "'");
    }
    return v;
  }

  std::string word(const char* what) {
    if (peek().kind != Token::Kind::word)
      malformed(std::string("expected ") + what + ", got '" + peek().text + "'");
    std::string w = peek().text;
    next();
    return w;
  }
  void expect_keyword(const char* k) {
    if (!keyword(peek(), k))
      malformed(std::string("expected ") + k + ", got '" + peek().text + "'");
    next();
  }
  bool accept(const char* symbol) {
    if (peek().kind == Token::Kind::symbol && peek().text == symbol) {
      next();
      return true;
    }
    return false;
  }
  const Token& peek() const { return tokens_[pos_]; }
  void next() {
    if (pos_ + 1 < tokens_.size())
      ++pos_;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

// LIKE: % any run, _ one character, case-insensitive; escaped ones match themselves.
bool like(const std::string& text, const Value& pattern, size_t t = 0, size_t p = 0) {
  if (p == pattern.text.size())
    return t == text.size();
  if (pattern.wild[p] && pattern.text[p] == '%') {
    for (size_t k = t; k <= text.size(); ++k)
      if (like(text, pattern, k, p + 1))
        return true;
    return false;
  }
  if (t == text.size())
    return false;
  bool one = pattern.wild[p] && pattern.text[p] == '_';
  if (!one && std::tolower(static_cast<unsigned char>(text[t])) !=
                  std::tolower(static_cast<unsigned char>(pattern.text[p])))
    return false;
  return like(text, pattern, t + 1, p + 1);
}

int compare_values(const Value& a, const Value& b) {
  if (a.kind == Value::Kind::null || b.kind == Value::Kind::null)
    return (a.kind == Value::Kind::null ? 0 : 1) - (b.kind == Value::Kind::null ? 0 : 1);
  if (a.kind == Value::Kind::datetime || b.kind == Value::Kind::datetime) {
    if (a.kind != b.kind)
      throw QueryError("INVALID_FIELD", "value of filter criterion must be of type dateTime and "
                                        "should not be enclosed in quotes");
    return a.datetime < b.datetime ? -1 : a.datetime > b.datetime ? 1 : 0;
  }
  if (a.kind == Value::Kind::text || b.kind == Value::Kind::text) {
    if (a.kind != b.kind)
      throw QueryError("INVALID_FIELD", "value of filter criterion must be of type string and "
                                        "should be enclosed in quotes");
    return Poco::icompare(a.text, b.text);
  }
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

bool evaluate(const Condition& c, const Lookup& record) {
  switch (c.kind) {
  case Condition::Kind::all_of:
    return std::all_of(c.children.begin(), c.children.end(),
                       [&](const auto& child) { return evaluate(*child, record); });
  case Condition::Kind::any_of:
    return std::any_of(c.children.begin(), c.children.end(),
                       [&](const auto& child) { return evaluate(*child, record); });
  case Condition::Kind::in: {
    Value v = record(c.field);
    return std::any_of(c.values.begin(), c.values.end(),
                       [&](const Value& x) { return compare_values(v, x) == 0; });
  }
  case Condition::Kind::compare:
    break;
  }
  Value v = record(c.field);
  const Value& x = c.values.front();
  if (c.op == "LIKE") {
    if (x.kind != Value::Kind::text)
      malformed("LIKE expects a quoted string");
    return v.kind == Value::Kind::text && like(v.text, x);
  }
  int r = compare_values(v, x);
  if (c.op == "=")
    return r == 0;
  if (c.op == "!=")
    return r != 0;
  if (v.kind == Value::Kind::null)
    return false;
  if (c.op == "<")
    return r < 0;
  if (c.op == "<=")
    return r <= 0;
  if (c.op == ">")
    return r > 0;
  return r >= 0;
}

} // namespace

Query parse(const std::string& text) {
  return Parser(text).query();
}

bool matches(const Query& query, const Lookup& record) {
  return !query.where || evaluate(*query.where, record);
}

int compare(const Query& query, const Lookup& a, const Lookup& b) {
  for (const auto& [field, descending] : query.order_by) {
    int c = compare_values(a(field), b(field));
    if (c != 0)
      return descending ? -c : c;
  }
  return 0;
}

std::optional<std::int64_t> parse_datetime(const std::string& text) {
  if (text.size() < 20 || text[4] != '-' || text[10] != 'T')
    return std::nullopt;
  Poco::DateTime parsed;
  int tzd = 0;
  std::string normalized = text;
  // Salesforce writes +0000; Poco wants +00:00.
  if (normalized.size() > 5 &&
      (normalized[normalized.size() - 5] == '+' || normalized[normalized.size() - 5] == '-'))
    normalized.insert(normalized.size() - 2, ":");
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, normalized, parsed,
                                      tzd))
    return std::nullopt;
  parsed.makeUTC(tzd);
  return parsed.timestamp().epochMicroseconds() / 1000;
}

} // namespace actionhost::fakes::soql
