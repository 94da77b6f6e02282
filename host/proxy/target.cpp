// URL rules: what the base URL is for a connection and where a plugin's URL may point.
#include "target.hpp"

#include "error.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace actionhost::proxy::detail {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string percent_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string Origin::text() const {
  bool default_port = (scheme == "https" && port == 443) || (scheme == "http" && port == 80);
  std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return scheme + "://" + shown + (default_port ? "" : ":" + std::to_string(port));
}

std::string Target::path_and_query() const {
  std::string out = path.empty() ? "/" : path;
  for (size_t i = 0; i < raw_query.size(); ++i)
    out += (i == 0 ? "?" : "&") + raw_query[i];
  return out;
}

std::string Target::url() const {
  return origin.text() + path_and_query();
}

void Target::add_query(const std::string& name, const std::string& value) {
  raw_query.push_back(percent_encode(name) + "=" + percent_encode(value));
}

void Target::drop_query(const std::vector<std::string>& names) {
  std::erase_if(raw_query, [&](const std::string& piece) {
    std::string name;
    Poco::URI::decode(piece.substr(0, piece.find('=')), name);
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& n) { return lower(n) == lower(name); });
  });
}

namespace {

[[noreturn]] void refuse(const std::string& why) {
  throw ProxyError(AH_ERR_PERMISSION, why);
}

bool has_control_or_space(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return c <= 0x20 || c == 0x7F; });
}

void split_path_and_query(const std::string& path_and_query, Target& target) {
  std::string rest = path_and_query.substr(0, path_and_query.find('#'));
  auto q = rest.find('?');
  target.path = rest.substr(0, q);
  if (q == std::string::npos)
    return;
  std::string query = rest.substr(q + 1);
  size_t start = 0;
  while (start <= query.size()) {
    auto amp = query.find('&', start);
    std::string piece = query.substr(start, amp == std::string::npos ? amp : amp - start);
    if (!piece.empty())
      target.raw_query.push_back(piece);
    if (amp == std::string::npos)
      break;
    start = amp + 1;
  }
}

bool is_absolute(const std::string& url) {
  auto colon = url.find("://");
  if (colon == std::string::npos)
    return false;
  return std::all_of(url.begin(), url.begin() + static_cast<long>(colon), [](unsigned char c) {
    return std::isalnum(c) || c == '+' || c == '-' || c == '.';
  });
}

} // namespace

Target parse_absolute(const std::string& url) {
  if (has_control_or_space(url))
    refuse("the URL contains spaces or control characters");
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception&) {
    refuse("the URL is not a valid absolute URL");
  }
  Target target;
  target.origin.scheme = lower(uri.getScheme());
  if (target.origin.scheme != "http" && target.origin.scheme != "https")
    refuse("only http and https URLs are allowed (got '" + target.origin.scheme + "')");
  if (!uri.getUserInfo().empty())
    refuse("URLs with user information (user:password@) are not allowed");
  target.origin.host = lower(uri.getHost());
  if (target.origin.host.empty())
    refuse("the URL has no host");
  target.origin.port = uri.getPort();
  // Keep the path and query as written, so the provider sees exactly what was given.
  auto authority_end = url.find_first_of("/?#", url.find("://") + 3);
  std::string rest = authority_end == std::string::npos ? "/" : url.substr(authority_end);
  split_path_and_query(rest.front() == '/' ? rest : "/" + rest, target);
  if (target.path.empty())
    target.path = "/";
  return target;
}

namespace {

// "https://host[:port]" with an optional trailing '/', which is dropped: the origin a connection
// names (Salesforce's instance_url), and nothing that could add a path, query or user info.
std::optional<std::string> origin_value(std::string v) {
  if (!v.empty() && v.back() == '/')
    v.pop_back();
  auto colon = v.find("://");
  if (colon == std::string::npos)
    return std::nullopt;
  std::string scheme = lower(v.substr(0, colon));
  std::string authority = v.substr(colon + 3);
  if ((scheme != "http" && scheme != "https") || authority.empty() ||
      authority.find_first_of("/?#@\\%[] \t\r\n") != std::string::npos)
    return std::nullopt;
  return v;
}

} // namespace

Target render_base_url(const config::Template& base_url,
                       const std::function<std::string(const std::string& name)>& value) {
  std::string url;
  for (size_t i = 0; i < base_url.parts.size(); ++i) {
    const auto& part = base_url.parts[i];
    if (!part.placeholder) {
      url += part.text;
      continue;
    }
    std::string v = value(part.text);
    std::string shown = part.text.rfind("connection.", 0) == 0 ? part.text : "credential";
    // A placeholder that starts the URL may name the whole origin (https://acme.my.salesforce.com),
    // as providers with a per-customer host hand it out; anywhere else it is one plain segment.
    if (i == 0 && v.find("://") != std::string::npos) {
      auto origin = origin_value(v);
      if (!origin)
        throw ProxyError(AH_ERR_PERMISSION,
                         "the value of ${" + shown +
                             "} cannot start the base URL (expected https://host[:port])");
      url += *origin;
      continue;
    }
    if (v.find_first_of("/?#@:\\%[] \t\r\n") != std::string::npos)
      throw ProxyError(AH_ERR_PERMISSION,
                       "the value of ${" + shown +
                           "} cannot be used in the base URL (it contains URL delimiters)");
    url += v;
  }
  try {
    return parse_absolute(url);
  } catch (const ProxyError& e) {
    throw ProxyError(AH_ERR_PERMISSION, std::string("proxy.base_url: ") + e.what());
  }
}

bool host_allowed(const std::string& pattern, const std::string& host) {
  std::string p = lower(pattern), h = lower(host);
  if (p.rfind("*.", 0) == 0) {
    std::string suffix = p.substr(1); // ".example.com"
    return h.size() > suffix.size() &&
           h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0;
  }
  return p == h;
}

Target resolve_target(const Target& base, const std::string& url, const Pairs& query,
                      const std::vector<std::string>& allowed_hosts) {
  Target target;
  if (is_absolute(url)) {
    target = parse_absolute(url);
    const std::string& host = target.origin.host;
    std::string with_port = host + ":" + std::to_string(target.origin.port);
    bool allowed =
        host == base.origin.host ||
        std::any_of(allowed_hosts.begin(), allowed_hosts.end(), [&](const std::string& p) {
          return host_allowed(p, host) || host_allowed(p, with_port);
        });
    if (!allowed)
      refuse("the host '" + host +
             "' is not allowed for this integration (add it to proxy.allowed_hosts)");
    if (target.origin.scheme == "http" && base.origin.scheme == "https")
      refuse("plain http URLs are not allowed for this integration (its base URL uses https)");
  } else {
    if (has_control_or_space(url))
      refuse("the URL contains spaces or control characters");
    target.origin = base.origin;
    Target relative;
    split_path_and_query(url, relative);
    // Concatenate rather than resolve, so "//evil.test/x" stays a path on the base host.
    std::string base_path = base.path == "/" ? "" : base.path;
    if (!base_path.empty() && base_path.back() == '/')
      base_path.pop_back();
    std::string rel = relative.path;
    if (!rel.empty() && rel.front() != '/')
      rel = "/" + rel;
    target.path = base_path + rel;
    if (target.path.empty())
      target.path = "/";
    target.raw_query = base.raw_query;
    target.raw_query.insert(target.raw_query.end(), relative.raw_query.begin(),
                            relative.raw_query.end());
  }
  for (const auto& [name, value] : query)
    target.add_query(name, value);
  return target;
}

Target resolve_location(const Target& from, const std::string& location) {
  if (is_absolute(location))
    return parse_absolute(location);
  if (has_control_or_space(location))
    refuse("the redirect's Location contains spaces or control characters");
  Poco::URI base(from.url());
  base.resolve(location);
  return parse_absolute(base.toString());
}

} // namespace actionhost::proxy::detail
