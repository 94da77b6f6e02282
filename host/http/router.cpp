#include "http.hpp"

#include <Poco/URI.h>

#include <set>

namespace actionhost::http {

void Router::add(const std::string& method, const std::string& path, Handler handler) {
  bool prefix = path.size() >= 2 && path.compare(path.size() - 2, 2, "/*") == 0;
  routes_.push_back(
      {method, prefix ? path.substr(0, path.size() - 1) : path, prefix, std::move(handler)});
}

namespace {

// The request's path, decoded as Poco::URI would. Most request targets are a plain origin-form
// path ("/mcp/sample", maybe with a query), which needs no URI object.
std::string path_of(const std::string& target) {
  if (target.size() > 0 && target[0] == '/' && target.compare(0, 2, "//") != 0 &&
      target.find('%') == std::string::npos)
    return target.substr(0, target.find_first_of("?#"));
  return Poco::URI(target).getPath();
}

} // namespace

void Router::dispatch(Request& request, Response& response) const {
  std::string path = path_of(request.getURI());
  // Best match: an exact path, else the longest prefix; then the method decides.
  const Route* best = nullptr;
  size_t best_len = 0;
  bool any = false;
  const std::string& method = request.getMethod();
  for (const auto& route : routes_) {
    bool match = route.prefix ? path.rfind(route.path, 0) == 0 : path == route.path;
    if (!match)
      continue;
    size_t len = route.prefix ? route.path.size() : std::string::npos;
    if (len < best_len)
      continue;
    best_len = len;
    any = true;
    if (route.method == method)
      best = &route;
  }
  if (best) {
    best->handler(request, response);
    return;
  }
  if (any) {
    // The methods of the best-matching path, for the 405's Allow header.
    std::set<std::string> allowed;
    for (const auto& route : routes_) {
      bool match = route.prefix ? path.rfind(route.path, 0) == 0 : path == route.path;
      if (match && (route.prefix ? route.path.size() : std::string::npos) == best_len)
        allowed.insert(route.method);
    }
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
