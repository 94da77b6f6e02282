// ah::Http: requests to the provider through the host's authenticated proxy (ctx.proxy()).
//   auto events = ctx.proxy().get("/calendars/primary/events", {{"maxResults", "10"}})
//                     .expect_ok().json_object();
#pragma once

#include <actionhost/plugin.h>
#include <actionhost/sdk/content.hpp>
#include <actionhost/sdk/encode.hpp>
#include <actionhost/sdk/errors.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ah {

// Query parameters or headers, in order; names may repeat.
using Pairs = std::vector<std::pair<std::string, std::string>>;

namespace detail {
inline bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}
} // namespace detail

// A request body and its media type.
struct Body {
  std::string bytes;
  std::string content_type;

  Body() = default;
  Body(JsonObject object) : Body(json(Json(object))) {}
  Body(JsonArray array) : Body(json(Json(array))) {}
  // Any encodable value as JSON: a Record, a map, ah::Json, ...
  template <class T> static Body json(const T& value) {
    return raw(ah::json::stringify(encode(value)), "application/json");
  }
  static Body raw(std::string bytes, std::string content_type) {
    Body b;
    b.bytes = std::move(bytes);
    b.content_type = std::move(content_type);
    return b;
  }
};

struct Request {
  std::string method = "GET";
  std::string path; // relative to the integration's base URL, or an allowed absolute URL
  Pairs query;
  Pairs headers;
  Body body;
  std::chrono::milliseconds timeout{0}; // 0: the action's deadline
  bool retry = true;                    // false: one attempt, whatever the integration's rules
};

// A provider response, copied out of host memory (which is released at once).
struct Response {
  int status = 0;
  Pairs headers;
  std::string body;
  unsigned attempts = 0;

  bool ok() const { return status >= 200 && status < 300; }

  // The first header with this name, compared case-insensitively.
  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [n, v] : headers)
      if (detail::iequals(n, name))
        return v;
    return std::nullopt;
  }

  // The body as JSON; a body that is not JSON is the provider's fault (ah::HttpError,
  // AH_ERR_UPSTREAM).
  Json json() const {
    try {
      return ah::json::parse(body);
    } catch (const Poco::Exception& e) {
      throw HttpError(AH_ERR_UPSTREAM, "provider response (HTTP " + std::to_string(status) +
                                           ") is not valid JSON: " + e.displayText());
    }
  }
  JsonObject json_object() const {
    JsonObject obj = ah::json::as_object(json());
    if (!obj)
      throw HttpError(AH_ERR_UPSTREAM, "provider response (HTTP " + std::to_string(status) +
                                           ") is not a JSON object");
    return obj;
  }

  // Throws ah::ToolError naming the status and the start of the body unless the status is 2xx:
  // the provider's own error text is usually what the model needs to correct its call.
  const Response& expect_ok() const {
    if (!ok())
      throw ToolError("provider answered HTTP " + std::to_string(status) + ": " +
                      body.substr(0, 500));
    return *this;
  }
};

class Http {
public:
  Http(const ah_host_api* host, ah_call* call) : host_(host), call_(call) {}

  Response get(std::string path, Pairs query = {}, Pairs headers = {}) const {
    return send({"GET", std::move(path), std::move(query), std::move(headers), {}, {}, true});
  }
  Response del(std::string path, Pairs query = {}, Pairs headers = {}) const {
    return send({"DELETE", std::move(path), std::move(query), std::move(headers), {}, {}, true});
  }
  Response post(std::string path, Body body = {}, Pairs query = {}, Pairs headers = {}) const {
    return with_body("POST", std::move(path), std::move(body), std::move(query),
                     std::move(headers));
  }
  Response put(std::string path, Body body = {}, Pairs query = {}, Pairs headers = {}) const {
    return with_body("PUT", std::move(path), std::move(body), std::move(query), std::move(headers));
  }
  Response patch(std::string path, Body body = {}, Pairs query = {}, Pairs headers = {}) const {
    return with_body("PATCH", std::move(path), std::move(body), std::move(query),
                     std::move(headers));
  }

  // Sends one request. Throws ah::HttpError with the host's status (AH_ERR_PERMISSION,
  // AH_ERR_UNAVAILABLE, AH_ERR_TIMEOUT, ...) when no usable response arrived; any HTTP status
  // is a Response.
  Response send(const Request& r) const {
    std::vector<ah_pair> query = pairs(r.query), headers = pairs(r.headers);
    bool has_type = std::any_of(r.headers.begin(), r.headers.end(), [](const auto& h) {
      return detail::iequals(h.first, "content-type");
    });
    if (!r.body.content_type.empty() && !has_type)
      headers.push_back({AH_LIT("Content-Type"), view(r.body.content_type)});

    ah_http_request req;
    AH_INIT(req);
    req.method = view(r.method);
    req.url = view(r.path);
    req.query = query.data();
    req.query_count = query.size();
    req.headers = headers.data();
    req.header_count = headers.size();
    req.body = view(r.body.bytes);
    req.timeout_ms = static_cast<uint32_t>(r.timeout.count());
    req.flags = r.retry ? 0u : AH_HTTP_NO_RETRY;

    ah_http_response out;
    AH_INIT(out);
    ah_status st = host_->http_request(call_, &req, &out);
    Response resp;
    resp.status = out.status;
    resp.attempts = out.attempts;
    resp.body.assign(view(out.body));
    for (size_t i = 0; i < out.header_count; ++i)
      resp.headers.emplace_back(view(out.headers[i].name), view(out.headers[i].value));
    std::string error(view(out.error));
    host_->http_release(call_, &out);
    if (st != AH_OK)
      throw HttpError(st, r.method + " " + r.path +
                              " failed: " + (error.empty() ? std::string(status_name(st)) : error));
    return resp;
  }

private:
  Response with_body(std::string method, std::string path, Body body, Pairs query,
                     Pairs headers) const {
    return send({std::move(method),
                 std::move(path),
                 std::move(query),
                 std::move(headers),
                 std::move(body),
                 {},
                 true});
  }
  static std::vector<ah_pair> pairs(const Pairs& in) {
    std::vector<ah_pair> out;
    out.reserve(in.size() + 1);
    for (const auto& [n, v] : in)
      out.push_back({view(n), view(v)});
    return out;
  }

  const ah_host_api* host_;
  ah_call* call_;
};

} // namespace ah
