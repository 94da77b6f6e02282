// The Drive query language, as much as the plugin may send: terms `field op 'string'` or
// `trashed = true|false`, joined by `and` / `or`, with parentheses. Strings are single-quoted
// with \' and \\ escapes; anything else (an unescaped quote, an unknown field) is invalid.
#include "drive_fake.hpp"

#include <algorithm>
#include <cctype>

namespace actionhost::fakes {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Drive's `name contains` matches the start of the name or of a word in it, ignoring case.
bool word_prefix(const std::string& name, const std::string& prefix) {
  std::string n = lower(name), p = lower(prefix);
  for (size_t at = n.find(p); at != std::string::npos; at = n.find(p, at + 1))
    if (at == 0 || !std::isalnum(static_cast<unsigned char>(n[at - 1])))
      return true;
  return false;
}

bool contains(const std::string& text, const std::string& part) {
  return lower(text).find(lower(part)) != std::string::npos;
}

} // namespace

class QueryParser {
public:
  explicit QueryParser(const std::string& q) : q_(q) {}

  std::optional<DriveQuery> parse() {
    DriveQuery query;
    if (!expression(query.any_of_all_) || (skip(), pos_ != q_.size()))
      return std::nullopt;
    for (const auto& all : query.any_of_all_)
      for (const auto& term : all)
        query.full_text_ = query.full_text_ || term.field == "fullText";
    return query;
  }

private:
  using Term = DriveQuery::Term;
  using Terms = std::vector<std::vector<Term>>;

  void skip() {
    while (pos_ < q_.size() && q_[pos_] == ' ')
      ++pos_;
  }
  bool keyword(const std::string& word) {
    skip();
    if (q_.compare(pos_, word.size(), word) != 0)
      return false;
    size_t end = pos_ + word.size();
    if (end < q_.size() && std::isalnum(static_cast<unsigned char>(q_[end])))
      return false;
    pos_ = end;
    return true;
  }
  std::string word() {
    skip();
    size_t start = pos_;
    while (pos_ < q_.size() && (std::isalnum(static_cast<unsigned char>(q_[pos_])) ||
                                std::string("=!<>").find(q_[pos_]) != std::string::npos))
      ++pos_;
    return q_.substr(start, pos_ - start);
  }
  std::optional<std::string> string() {
    skip();
    if (pos_ >= q_.size() || q_[pos_] != '\'')
      return std::nullopt;
    std::string out;
    for (++pos_; pos_ < q_.size(); ++pos_) {
      char c = q_[pos_];
      if (c == '\'') {
        ++pos_;
        return out;
      }
      if (c == '\\') {
        if (++pos_ >= q_.size() || (q_[pos_] != '\'' && q_[pos_] != '\\'))
          return std::nullopt;
        c = q_[pos_];
      }
      out += c;
    }
    return std::nullopt; // unterminated
  }
  // A disjunction of conjunctions: and binds tighter than or.
  bool expression(Terms& out) {
    std::vector<Term> all;
    if (!conjunction(all, out))
      return false;
    out.push_back(all);
    while (keyword("or")) {
      std::vector<Term> next;
      if (!conjunction(next, out))
        return false;
      out.push_back(next);
    }
    return true;
  }
  bool conjunction(std::vector<Term>& all, Terms& outer) {
    do {
      skip();
      if (pos_ < q_.size() && q_[pos_] == '(') {
        ++pos_;
        Terms inner;
        if (!expression(inner))
          return false;
        skip();
        if (pos_ >= q_.size() || q_[pos_] != ')')
          return false;
        ++pos_;
        // (x or y) inside a conjunction is only modelled when it has one branch.
        if (inner.size() != 1)
          return false;
        all.insert(all.end(), inner[0].begin(), inner[0].end());
      } else if (!term(all)) {
        return false;
      }
    } while (keyword("and"));
    (void)outer;
    return true;
  }
  bool term(std::vector<Term>& all) {
    std::string field = word();
    std::string op = word();
    static const std::vector<std::string> strings{"name", "fullText", "mimeType"};
    if (field == "trashed") {
      std::string value = word();
      if ((op != "=" && op != "!=") || (value != "true" && value != "false"))
        return false;
      all.push_back({field, op, value});
      return true;
    }
    if (std::find(strings.begin(), strings.end(), field) == strings.end())
      return false;
    bool allowed = op == "contains" || ((op == "=" || op == "!=") && field != "fullText");
    auto value = string();
    if (!allowed || !value)
      return false;
    all.push_back({field, op, *value});
    return true;
  }

  const std::string& q_;
  size_t pos_ = 0;
};

std::optional<DriveQuery> DriveQuery::parse(const std::string& q) {
  return QueryParser(q).parse();
}

bool DriveQuery::matches(const DriveFile& file) const {
  auto holds = [&](const Term& t) {
    bool result = false;
    if (t.field == "trashed")
      result = file.trashed == (t.value == "true");
    else if (t.field == "fullText")
      result = contains(file.name, t.value) || contains(file.description, t.value) ||
               contains(file.content, t.value);
    else {
      const std::string& actual = t.field == "name" ? file.name : file.mime_type;
      result = t.op == "contains"
                   ? (t.field == "name" ? word_prefix(actual, t.value) : contains(actual, t.value))
                   : actual == t.value;
    }
    return t.op == "!=" ? !result : result;
  };
  return std::any_of(any_of_all_.begin(), any_of_all_.end(),
                     [&](const auto& all) { return std::all_of(all.begin(), all.end(), holds); });
}

} // namespace actionhost::fakes
