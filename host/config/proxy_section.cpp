#include "keys.hpp"
#include "sections.hpp"
#include "values.hpp"

#include <algorithm>
#include <cctype>

namespace actionhost::config::detail {

namespace {

// base_url may hold placeholders; check the URL with each replaced by a plain word. When the
// scheme itself comes from a placeholder (base_url: ${connection.url}) it is checked per call.
std::optional<Template> read_base_url(const Context& ctx, const Field& field,
                                      std::optional<AuthMode> mode) {
  auto base_url = read_template(ctx, field, mode);
  if (!base_url || base_url->parts.empty() || base_url->parts.front().placeholder)
    return base_url;
  std::string sample = base_url->render([](const std::string&) { return std::string("x"); });
  if (auto problem = url_problem(sample)) {
    field.error(ctx, *problem + ", got '" + base_url->text() + "'");
    return std::nullopt;
  }
  return base_url;
}

// A host name, optionally with a port or a leading "*." wildcard; not a URL.
std::optional<std::string> read_host(const Context& ctx, const Field& field) {
  auto host = read_nonempty_string(ctx, field);
  if (!host)
    return std::nullopt;
  std::string_view name = *host;
  if (name.starts_with("*."))
    name.remove_prefix(2);
  bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view(".-:[]").find(c) != std::string_view::npos;
  });
  if (!valid) {
    field.error(ctx,
                "expected a host name such as files.slack.com or *.slack.com, got '" + *host + "'");
    return std::nullopt;
  }
  return host;
}

} // namespace

ProxyConfig read_proxy(const Context& ctx, const Field& field, std::optional<AuthMode> mode) {
  ProxyConfig proxy;
  Section section(ctx, field, kProxyKeys);
  if (!section.is_map())
    return proxy;
  if (auto base_url = section.get("base_url"))
    proxy.base_url = read_base_url(ctx, *base_url, mode).value_or(Template{});
  else
    field.error(ctx, "missing 'base_url' (the provider API's root, e.g. https://slack.com/api)");
  if (auto hosts = section.get("allowed_hosts"))
    proxy.allowed_hosts = read_list(ctx, *hosts, "a list of host names", read_host)
                              .value_or(std::vector<std::string>{});
  if (auto timeout = section.get("timeout"))
    proxy.timeout = read_duration(ctx, *timeout).value_or(proxy.timeout);
  if (auto size = section.get("max_response_bytes"))
    proxy.max_response_bytes = read_size(ctx, *size).value_or(proxy.max_response_bytes);
  if (auto ca_file = section.get("ca_file"))
    proxy.ca_file = read_path(ctx, *ca_file);
  if (auto retry = section.get("retry"))
    proxy.retry = read_retry(ctx, *retry);
  if (auto pagination = section.get("pagination"))
    proxy.pagination = read_pagination(ctx, *pagination);
  return proxy;
}

} // namespace actionhost::config::detail
