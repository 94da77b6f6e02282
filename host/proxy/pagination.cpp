// Walking a provider's pages: cursor, Link header (or a next URL in the body) and offset styles.
#include "proxy.hpp"

#include "target.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/StringTokenizer.h>

namespace actionhost::proxy {

namespace {

// "response_metadata.next_cursor" into a parsed body; empty Var when any step is missing.
Poco::Dynamic::Var at_path(const Poco::Dynamic::Var& root, const std::string& path) {
  Poco::Dynamic::Var current = root;
  if (path.empty())
    return current;
  Poco::StringTokenizer steps(path, ".", Poco::StringTokenizer::TOK_TRIM);
  for (const auto& step : steps) {
    if (current.type() != typeid(Poco::JSON::Object::Ptr))
      return {};
    auto object = current.extract<Poco::JSON::Object::Ptr>();
    if (!object || !object->has(step))
      return {};
    current = object->get(step);
  }
  return current;
}

std::string text(const Poco::Dynamic::Var& value) {
  if (value.isEmpty())
    return {};
  return value.toString();
}

// The rel="next" target of an RFC 8288 Link header.
std::string next_link(const detail::Pairs& headers) {
  for (const auto& [name, value] : headers) {
    if (detail::lower(name) != "link")
      continue;
    size_t at = 0;
    while ((at = value.find('<', at)) != std::string::npos) {
      auto close = value.find('>', at);
      if (close == std::string::npos)
        break;
      auto next_entry = value.find('<', close);
      std::string params = detail::lower(value.substr(close + 1, next_entry - close - 1));
      if (params.find("rel=\"next\"") != std::string::npos ||
          params.find("rel=next") != std::string::npos)
        return value.substr(at + 1, close - at - 1);
      at = close;
    }
  }
  return {};
}

void set_param(plugins::HttpRequest& request, const std::string& name, const std::string& value) {
  std::erase_if(request.query, [&](const auto& p) { return p.first == name; });
  request.query.emplace_back(name, value);
}

} // namespace

PageResult paginate(const Proxy& proxy, const ProxyCall& call, plugins::HttpRequest request,
                    const config::PaginationConfig& pagination, size_t max_items, int max_pages) {
  using config::PaginationStyle;
  PageResult result;
  if (pagination.limit_param.size() && pagination.limit)
    set_param(request, pagination.limit_param, std::to_string(*pagination.limit));
  long offset = 0;
  for (const auto& [name, value] : request.query)
    if (pagination.style == PaginationStyle::Offset && name == pagination.offset_param)
      offset = std::strtol(value.c_str(), nullptr, 10);

  while (result.pages < max_pages) {
    result.status = proxy.request(call, request, result.last);
    if (result.status != AH_OK) {
      result.error = result.last.error;
      return result;
    }
    if (result.last.status < 200 || result.last.status >= 300) {
      result.status = AH_ERR_UPSTREAM;
      result.error = "page " + std::to_string(result.pages + 1) + " answered HTTP " +
                     std::to_string(result.last.status);
      return result;
    }
    ++result.pages;
    Poco::Dynamic::Var body;
    try {
      body = Poco::JSON::Parser().parse(result.last.body);
    } catch (const std::exception&) {
      result.status = AH_ERR_UPSTREAM;
      result.error = "page " + std::to_string(result.pages) + " is not JSON";
      return result;
    }
    auto items = at_path(body, pagination.results_path);
    size_t on_page = 0;
    if (items.type() == typeid(Poco::JSON::Array::Ptr)) {
      auto array = items.extract<Poco::JSON::Array::Ptr>();
      on_page = array ? array->size() : 0;
      for (size_t i = 0; i < on_page; ++i) {
        if (max_items && result.items->size() >= max_items)
          return result;
        result.items->add(array->get(static_cast<unsigned>(i)));
      }
    }
    std::string next;
    switch (pagination.style) {
    case PaginationStyle::Cursor:
      next = text(at_path(body, pagination.cursor_path));
      if (!next.empty())
        set_param(request, pagination.cursor_param, next);
      break;
    case PaginationStyle::Link:
      next = pagination.link_path.empty() ? next_link(result.last.headers)
                                          : text(at_path(body, pagination.link_path));
      if (!next.empty()) {
        request.url = next; // absolute URLs still pass the proxy's host rules
        request.query.clear();
      }
      break;
    case PaginationStyle::Offset:
      bool short_page = pagination.limit && on_page < static_cast<size_t>(*pagination.limit);
      if (on_page > 0 && !short_page) {
        offset += static_cast<long>(on_page);
        next = std::to_string(offset);
        set_param(request, pagination.offset_param, next);
      }
      break;
    }
    if (next.empty()) {
      result.complete = true;
      return result;
    }
    if (max_items && result.items->size() >= max_items)
      return result;
  }
  return result;
}

} // namespace actionhost::proxy
