#include "http.hpp"

#include <Poco/URI.h>

#include <set>

namespace actionhost::http {

void Router::add(const std::string& method, const std::string& path, Handler handler) {
  bool prefix = path.size() >= 2 && path.compare(path.size() - 2, 2, "/*") == 0;
  routes_.push_back(
      {method, prefix ? path.substr(0, path.size() - 1) : path, prefix, std::move(handler)});
}

void Router::dispatch(Request& request, Response& response) const {
  std::string path = Poco::URI(request.getURI()).getPath();
  // Best match: an exact path, else the longest prefix; then the method decides.
  const Route* best = nullptr;
  std::set<std::string> allowed;
  size_t best_len = 0;
  for (const auto& route : routes_) {
    bool match = route.prefix ? path.rfind(route.path, 0) == 0 : path == route.path;
    if (!match)
      continue;
    size_t len = route.prefix ? route.path.size() : std::string::npos;
    if (len < best_len)
      continue;
    if (len > best_len)
      allowed.clear();
    best_len = len;
    allowed.insert(route.method);
    if (route.method == request.getMethod())
      best = &route;
  }
  if (best) {
    best->handler(request, response);
    return;
  }
  if (!allowed.empty()) {
    std::string allow;
    for (const auto& m : allowed)
      allow += (allow.empty() ? "" : ", ") + m;
    response.set("Allow", allow);
    send_json(response, 405,
              R"({"error":"method )" + request.getMethod() + R"( not allowed on this path"})");
    return;
  }
  send_json(response, 404, R"({"error":"not found"})");
}

void send_json(Response& response, int status, const std::string& body) {
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  response.setContentType("application/json");
  response.setContentLength(static_cast<std::streamsize>(body.size()));
  response.send() << body;
}

} // namespace actionhost::http
