// Liveness and readiness endpoints for process supervisors and load balancers.
#pragma once

#include "http.hpp"

#include <functional>
#include <string>

namespace actionhost::http {

// What /readyz reports: ready, and a short reason when not (e.g. "shutting down").
struct Readiness {
  bool ready;
  std::string reason;
};

// GET /healthz: 200 while the process serves requests at all.
// GET /readyz: 200 when `readiness()` says ready, 503 with the reason otherwise.
void add_health_routes(Router& router, std::function<Readiness()> readiness);

} // namespace actionhost::http
