#include "keys.hpp"

#include <algorithm>
#include <utility>

namespace actionhost::config::detail {

std::optional<std::string> section_of(const std::string& key) {
  static const std::vector<std::pair<std::string, const std::vector<std::string>*>> kSections = {
      {"server:", &kServerKeys},
      {"integrations.<key>:", &kIntegrationKeys},
      {"auth:", &kOAuth2Keys},
      {"auth:", &kInjectionKeys},
      {"proxy:", &kProxyKeys},
      {"proxy.retry:", &kRetryKeys},
      {"proxy.pagination:", &kPaginationKeys}};
  if (key == "mode")
    return "auth:";
  for (const auto& [section, keys] : kSections)
    if (std::find(keys->begin(), keys->end(), key) != keys->end())
      return section;
  return std::nullopt;
}

} // namespace actionhost::config::detail
