// Where a request goes: the base URL rendered for a connection, a plugin's URL resolved against
// it, and the host allow-list.
#pragma once

#include <config.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace actionhost::proxy::detail {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// scheme://host:port, lower-case scheme and host; what "same host" means for redirects and pools.
struct Origin {
  std::string scheme; // "http" or "https"
  std::string host;   // without brackets for IPv6
  uint16_t port = 0;
  bool operator==(const Origin&) const = default;
  std::string text() const; // "https://api.example.test" (port shown when not the default)
};

struct Target {
  Origin origin;
  std::string path;                   // percent-encoded as given, starts with '/'
  std::vector<std::string> raw_query; // "name=value" pieces, encoded as given
  std::string url() const;            // full URL
  std::string path_and_query() const; // what goes on the request line
  // Adds name=value, percent-encoding both.
  void add_query(const std::string& name, const std::string& value);
  // Drops pieces whose decoded name matches (case-insensitively) a name in `names`.
  void drop_query(const std::vector<std::string>& names);
};

// Parses an absolute http(s) URL. Throws ProxyError(AH_ERR_PERMISSION) when it is not one, has
// user info, or contains whitespace or control characters.
Target parse_absolute(const std::string& url);

// The base URL for one connection: ${connection.f} from the metadata, other placeholders from
// `value`. Values that land in the URL may not contain characters that would move it elsewhere,
// except that a placeholder starting the URL may hold an origin (https://host[:port]).
Target render_base_url(const config::Template& base_url,
                       const std::function<std::string(const std::string& name)>& value);

// The plugin's `url` (a path relative to `base`, or an absolute URL) plus `query`. An absolute URL
// must be on the base URL's host or match `allowed_hosts` ("api.x.com", "*.x.com"), and may only
// be plain http when the base URL is. Throws ProxyError(AH_ERR_PERMISSION) otherwise.
Target resolve_target(const Target& base, const std::string& url, const Pairs& query,
                      const std::vector<std::string>& allowed_hosts);

// The URL a redirect's Location names, resolved against the request's URL.
Target resolve_location(const Target& from, const std::string& location);

bool host_allowed(const std::string& pattern, const std::string& host);

std::string percent_encode(const std::string& text);
std::string lower(std::string text);

} // namespace actionhost::proxy::detail
