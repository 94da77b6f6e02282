// ProviderRequest and ProviderResponse: the two sides of one proxied exchange in a test.
#include <actionhost/testkit/provider.hpp>

namespace ah::testkit {

std::optional<std::string> ProviderRequest::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (ah::detail::iequals(n, name))
      return v;
  return std::nullopt;
}

std::optional<std::string> ProviderRequest::query_param(std::string_view name) const {
  for (const auto& [n, v] : query)
    if (n == name)
      return v;
  return std::nullopt;
}

Json ProviderRequest::json() const {
  try {
    return ah::json::parse(body);
  } catch (const Poco::Exception& e) {
    throw std::invalid_argument(line() + ": the body is not JSON (" + e.displayText() + ")");
  }
}

std::string ProviderRequest::line() const {
  std::string out = method + " " + path;
  for (size_t i = 0; i < query.size(); ++i)
    out += (i ? "&" : "?") + query[i].first + "=" + query[i].second;
  return out;
}

ProviderResponse ProviderResponse::json(std::string body, int status) {
  ProviderResponse out;
  out.status = status;
  out.headers = {{"Content-Type", "application/json"}};
  out.body = std::move(body);
  return out;
}

ProviderResponse ProviderResponse::text(std::string body, int status) {
  ProviderResponse out;
  out.status = status;
  out.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
  out.body = std::move(body);
  return out;
}

ProviderResponse ProviderResponse::fail(ah_status status, std::string error) {
  ProviderResponse out;
  out.status = 0;
  out.failure = status == AH_OK ? AH_ERR_UNAVAILABLE : status;
  out.error = std::move(error);
  return out;
}

} // namespace ah::testkit
