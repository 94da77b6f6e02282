#include "health.hpp"

#include <Poco/JSON/Object.h>

#include <sstream>

namespace actionhost::http {

void add_health_routes(Router& router, std::function<Readiness()> readiness) {
  router.add("GET", "/healthz",
             [](Request&, Response& response) { send_json(response, 200, R"({"status":"ok"})"); });
  router.add("GET", "/readyz", [readiness](Request&, Response& response) {
    Readiness state = readiness();
    Poco::JSON::Object body;
    body.set("status", state.ready ? "ready" : "not ready");
    if (!state.reason.empty())
      body.set("reason", state.reason);
    std::ostringstream out;
    body.stringify(out);
    send_json(response, state.ready ? 200 : 503, out.str());
  });
}

} // namespace actionhost::http
