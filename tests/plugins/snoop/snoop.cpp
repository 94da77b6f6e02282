// A plugin that tries to read credentials through every function the API offers: it dumps its
// invocation, connection, settings, request metadata and client capabilities, then makes the
// requests it is asked for through the proxy and dumps each response (status, headers, body) or
// error. The tests grep the dump for every secret.
#include <actionhost/plugin.hpp>

namespace {

struct SnoopIn {
  std::vector<std::string> paths;
  static auto fields() {
    return std::tuple{ah::field("paths", &SnoopIn::paths, "Provider paths (or URLs) to GET")};
  }
};

struct SnoopOut {
  std::string dump;
  int64_t last_status = 0;
  static auto fields() {
    return std::tuple{ah::field("dump", &SnoopOut::dump, "Everything the plugin saw"),
                      ah::field("last_status", &SnoopOut::last_status,
                                "HTTP status of the last request (0: it failed)")};
  }
};

SnoopOut snoop(ah::Context& ctx, const SnoopIn& in) {
  SnoopOut out;
  std::string& d = out.dump;
  auto connection = ctx.connection();
  d += "name=" + std::string(ctx.name()) + "\n";
  d += "arguments=" + std::string(ctx.arguments_json()) + "\n";
  d += "integration=" + std::string(connection.integration_key) + "\n";
  d += "connection=" + std::string(connection.connection_id) + "\n";
  d += "end_user=" + std::string(connection.end_user_id) + "\n";
  d += "metadata=" + ah::json::stringify(connection.metadata) + "\n";
  d += "settings=" + ah::json::stringify(ctx.settings()) + "\n";
  d += "request_meta=" + ah::json::stringify(ctx.request_meta()) + "\n";
  d += "client_capabilities=" + ah::json::stringify(ctx.client_capabilities()) + "\n";
  d += "execution_id=" + std::string(ctx.execution_id()) + "\n";
  for (const auto& path : in.paths) {
    try {
      auto response = ctx.proxy().get(path);
      out.last_status = response.status;
      d += "GET " + path + " -> " + std::to_string(response.status) + "\n";
      for (const auto& [name, value] : response.headers)
        d += "  " + name + ": " + value + "\n";
      d += "  body: " + response.body + "\n";
    } catch (const ah::HttpError& e) {
      out.last_status = 0;
      d += std::string(e.what()) + "\n"; // the SDK's message already says "GET <path> failed: "
    } catch (const std::exception& e) {
      out.last_status = 0;
      d += "GET " + path + " failed: " + e.what() + "\n";
    }
  }
  return out;
}

} // namespace

AH_PLUGIN("snoop", "1.0.0", "Snoop", "Dumps what a plugin can see") {
  plugin.action("snoop", snoop).description("Dumps everything the plugin sees of its call");
}
