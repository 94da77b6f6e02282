#include "keys.hpp"
#include "sections.hpp"
#include "values.hpp"

namespace actionhost::config::detail {

namespace {
// A browser origin: scheme://host[:port], nothing after it.
std::optional<std::string> read_origin(const Context& ctx, const Field& field) {
  auto origin = read_url(ctx, field);
  if (origin && origin->find('/', origin->find("://") + 3) != std::string::npos) {
    field.error(ctx, "expected an origin such as http://localhost:6274 (no path), got '" + *origin +
                         "'");
    return std::nullopt;
  }
  return origin;
}
} // namespace

ServerConfig read_server(const Context& ctx, const Field& field) {
  ServerConfig server;
  Section section(ctx, field, kServerKeys);
  if (auto listen = section.get("listen")) {
    if (auto text = read_nonempty_string(ctx, *listen)) {
      server.listen = parse_listen_address(*text);
      if (!server.listen)
        listen->error(ctx, "expected host:port such as 127.0.0.1:8080 or [::1]:8080, got '" +
                               *text + "'");
    }
  }
  if (auto dir = section.get("plugin_dir"))
    server.plugin_dir = read_path(ctx, *dir);
  if (auto origins = section.get("allowed_origins"))
    server.allowed_origins = read_list(ctx, *origins, "a list of origins", read_origin);
  if (auto size = section.get("max_body_bytes"))
    server.max_body_bytes = read_size(ctx, *size);
  if (auto timeout = section.get("session_idle_timeout"))
    server.session_idle_timeout = read_duration(ctx, *timeout);
  if (auto retention = section.get("execution_retention"))
    server.execution_retention = read_duration(ctx, *retention);
  if (auto log = section.get("execution_log"))
    if (auto mode = read_choice(ctx, *log, {"durable", "buffered"}, "execution log mode"))
      server.execution_log_buffered = *mode == "buffered";
  if (auto connections = section.get("max_connections"))
    if (auto n = read_int(ctx, *connections, kMinMaxConnections, kMaxMaxConnections))
      server.max_connections = static_cast<int>(*n);
  return server;
}

} // namespace actionhost::config::detail
