// access: open means anyone who can reach the port runs actions with the stored credentials, so
// it is only allowed when nobody else can reach the port.
#include "config.hpp"
#include "values.hpp"

namespace actionhost::config {

std::optional<std::string> check_open_access(const Config& config, const std::string& listen_host) {
  if (detail::is_loopback_host(listen_host))
    return std::nullopt;
  std::string errors;
  for (const auto& integration : config.integrations) {
    if (integration.access != Access::Open)
      continue;
    Diagnostic diagnostic = config.diagnostic(
        integration, "access",
        "access: open is only allowed when the server listens on a loopback address, but it "
        "listens on " +
            listen_host + " (use access: key, or listen on 127.0.0.1)");
    errors += (errors.empty() ? "" : "\n") + diagnostic.to_string();
  }
  if (errors.empty())
    return std::nullopt;
  return errors;
}

} // namespace actionhost::config
