// Redaction of URLs and texts.
#include "redaction.hpp"

#include <Poco/URI.h>

#include <algorithm>

namespace actionhost::proxy::detail {

void Secrets::add(const std::string& secret) {
  if (secret.size() < kMinSecret)
    return;
  for (const std::string& form : {secret, percent_encode(secret)})
    if (std::find(values_.begin(), values_.end(), form) == values_.end())
      values_.push_back(form);
  // Longest first, so a secret containing another is replaced whole.
  std::sort(values_.begin(), values_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void Secrets::merge(const Secrets& other) {
  for (const auto& value : other.values_)
    add(value);
}

std::string Secrets::scrub(std::string text) const {
  static const std::string mark = "[redacted]";
  for (const auto& secret : values_) {
    for (auto at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + mark.size()))
      text.replace(at, secret.size(), mark);
  }
  return text;
}

bool sensitive_query_name(const std::string& name) {
  std::string n;
  for (char c : lower(name))
    if (c != '-' && c != '_')
      n += c;
  static const char* const exact[] = {"key", "sig", "signature", "code", "auth", "pass", "pwd"};
  for (const char* e : exact)
    if (n == e)
      return true;
  static const char* const parts[] = {"token", "secret", "password", "apikey", "credential"};
  for (const char* p : parts)
    if (n.find(p) != std::string::npos)
      return true;
  return false;
}

std::string redact_url(const Target& target, const std::vector<std::string>& injected_names,
                       const Secrets& secrets) {
  Target copy = target;
  for (auto& piece : copy.raw_query) {
    auto eq = piece.find('=');
    std::string name;
    Poco::URI::decode(piece.substr(0, eq), name);
    bool injected = std::any_of(injected_names.begin(), injected_names.end(),
                                [&](const std::string& n) { return lower(n) == lower(name); });
    if (eq != std::string::npos && (injected || sensitive_query_name(name)))
      piece = piece.substr(0, eq) + "=[redacted]";
  }
  return secrets.scrub(copy.url());
}

} // namespace actionhost::proxy::detail
