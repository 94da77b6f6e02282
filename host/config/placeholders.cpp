#include "placeholders.hpp"

#include "suggest.hpp"

#include <algorithm>
#include <cctype>

namespace actionhost::config::detail {

namespace {

const std::vector<std::string> kCredentialPlaceholders = {"apiKey", "username", "password",
                                                          "accessToken"};
constexpr std::string_view kConnectionPrefix = "connection.";

bool is_env_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
    return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
      return false;
  return true;
}

bool is_field_name(std::string_view name) {
  if (name.empty())
    return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-')
      return false;
  return true;
}

void append_literal(std::vector<Template::Part>& parts, std::string_view text) {
  if (text.empty())
    return;
  if (!parts.empty() && !parts.back().placeholder)
    parts.back().text += text;
  else
    parts.push_back({false, std::string(text)});
}

void append(std::vector<Template::Part>& parts, const std::vector<Template::Part>& more) {
  for (const auto& part : more) {
    if (part.placeholder)
      parts.push_back(part);
    else
      append_literal(parts, part.text);
  }
}

// A recursive-descent pass over one scalar; defaults nest (${A:-${B:-x}}).
class Expander {
public:
  Expander(std::string_view text, const EnvLookup& env, std::vector<std::string>& errors)
      : text_(text), env_(env), errors_(errors) {}

  // Reads text up to the end, or up to the '}' closing a default when `nested`.
  std::vector<Template::Part> parse(bool nested) {
    std::vector<Template::Part> parts;
    while (pos_ < text_.size()) {
      std::string_view rest = text_.substr(pos_);
      if (rest.starts_with("$${")) {
        append_literal(parts, "${");
        pos_ += 3;
      } else if (rest.starts_with("${")) {
        pos_ += 2;
        append(parts, reference());
      } else if (nested && rest[0] == '}') {
        return parts;
      } else {
        append_literal(parts, rest.substr(0, 1));
        ++pos_;
      }
    }
    return parts;
  }

private:
  // After "${": NAME, optionally ":-default", then "}".
  std::vector<Template::Part> reference() {
    size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != '}' && text_[pos_] != ':')
      ++pos_;
    std::string name(text_.substr(start, pos_ - start));
    std::optional<std::vector<Template::Part>> fallback;
    if (pos_ < text_.size() && text_.substr(pos_).starts_with(":-")) {
      pos_ += 2;
      fallback = parse(true);
    } else if (pos_ < text_.size() && text_[pos_] == ':') {
      errors_.push_back("unsupported '${" + name + ":' (write ${" + name + ":-default})");
      while (pos_ < text_.size() && text_[pos_] != '}')
        ++pos_;
      pos_ = std::min(pos_ + 1, text_.size());
      return {};
    }
    if (pos_ >= text_.size()) {
      errors_.push_back("'${" + name + "' is missing its closing '}'");
      return {};
    }
    ++pos_; // the closing '}'
    return resolve(name, fallback);
  }

  std::vector<Template::Part> resolve(const std::string& name,
                                      const std::optional<std::vector<Template::Part>>& fallback) {
    bool runtime = is_credential_placeholder(name) || name.starts_with(kConnectionPrefix);
    if (runtime) {
      if (name.starts_with(kConnectionPrefix) &&
          !is_field_name(std::string_view(name).substr(kConnectionPrefix.size()))) {
        errors_.push_back("'${" + name + "}' is not a connection field (expected " +
                          "${connection.<field>} with letters, digits, '_', '.' or '-')");
        return {};
      }
      if (fallback)
        errors_.push_back("'${" + name + "}' is filled in at call time and cannot have a default");
      return {{true, name}};
    }
    if (name.empty()) {
      errors_.push_back("empty '${}' (write $${ for a literal '${')");
      return {};
    }
    if (!is_env_name(name))
      return unknown(name);
    // A lowercase name close to a credential placeholder is a typo, not an environment variable.
    if (std::islower(static_cast<unsigned char>(name[0])) &&
        closest_match(name, kCredentialPlaceholders))
      return unknown(name);
    auto value = env_(name);
    if (value && !value->empty())
      return {{false, *value}};
    if (fallback)
      return *fallback;
    if (!value)
      errors_.push_back("environment variable " + name + " is not set");
    return {};
  }

  std::vector<Template::Part> unknown(const std::string& name) {
    std::vector<std::string> candidates;
    for (const auto& credential : kCredentialPlaceholders)
      candidates.push_back(credential);
    if (auto dot = name.find('.'); dot != std::string::npos)
      candidates.push_back(std::string(kConnectionPrefix) + name.substr(dot + 1));
    std::string message = "unknown placeholder '${" + name + "}'";
    if (auto match = closest_match(name, candidates))
      message += " (did you mean '${" + *match + "}'?)";
    else
      message += " (expected ${ENV_VAR}, ${connection.<field>}, ${apiKey}, ${username}, "
                 "${password} or ${accessToken})";
    errors_.push_back(message);
    return {};
  }

  std::string_view text_;
  const EnvLookup& env_;
  std::vector<std::string>& errors_;
  size_t pos_ = 0;
};

} // namespace

bool is_credential_placeholder(std::string_view name) {
  for (const auto& credential : kCredentialPlaceholders)
    if (name == credential)
      return true;
  return false;
}

bool placeholder_available(std::string_view name, AuthMode mode) {
  if (name.starts_with(kConnectionPrefix))
    return true;
  switch (mode) {
  case AuthMode::ApiKey:
    return name == "apiKey";
  case AuthMode::Basic:
    return name == "username" || name == "password";
  case AuthMode::OAuth2:
  case AuthMode::Bearer:
    return name == "accessToken";
  case AuthMode::None:
    return false;
  }
  return false;
}

std::string available_placeholders(AuthMode mode) {
  std::string list;
  for (const auto& credential : kCredentialPlaceholders)
    if (placeholder_available(credential, mode))
      list += "${" + credential + "}, ";
  return list + "${connection.<field>}";
}

Expansion expand(std::string_view text, const EnvLookup& env) {
  Expansion expansion;
  Expander expander(text, env, expansion.errors);
  expansion.value.parts = expander.parse(false);
  return expansion;
}

} // namespace actionhost::config::detail
