#include "values.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/URI.h>

#include <cctype>
#include <charconv>
#include <limits>
#include <utility>

namespace actionhost::config::detail {

namespace {
// A whole unsigned number and the text after it (its unit); nullopt without a number.
std::optional<std::pair<uint64_t, std::string_view>> number_and_unit(std::string_view text) {
  uint64_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end == text.data())
    return std::nullopt;
  return std::pair{number, text.substr(end - text.data())};
}

std::optional<uint64_t> multiply(uint64_t number, uint64_t factor) {
  if (factor != 0 && number > std::numeric_limits<uint64_t>::max() / factor)
    return std::nullopt;
  return number * factor;
}
} // namespace

std::optional<Duration> parse_duration(std::string_view text) {
  auto parsed = number_and_unit(text);
  if (!parsed)
    return std::nullopt;
  auto [number, unit] = *parsed;
  std::optional<uint64_t> ms;
  if (unit == "ms")
    ms = number;
  else if (unit == "s")
    ms = multiply(number, 1000);
  else if (unit == "m")
    ms = multiply(number, 60 * 1000);
  else if (unit == "h")
    ms = multiply(number, 60 * 60 * 1000);
  else if (unit == "d")
    ms = multiply(number, 24 * 60 * 60 * 1000);
  if (!ms || *ms > static_cast<uint64_t>(std::numeric_limits<Duration::rep>::max()))
    return std::nullopt;
  return Duration(static_cast<Duration::rep>(*ms));
}

std::optional<uint64_t> parse_size(std::string_view text) {
  auto parsed = number_and_unit(text);
  if (!parsed)
    return std::nullopt;
  auto [number, unit] = *parsed;
  if (unit.empty())
    return number;
  if (unit == "KiB")
    return multiply(number, uint64_t{1} << 10);
  if (unit == "MiB")
    return multiply(number, uint64_t{1} << 20);
  if (unit == "GiB")
    return multiply(number, uint64_t{1} << 30);
  return std::nullopt;
}

std::optional<std::string> parse_sha256(std::string_view text) {
  if (text.size() != 64)
    return std::nullopt;
  std::string lower;
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c)))
      return std::nullopt;
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return lower;
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost")
    return true;
  Poco::Net::IPAddress address;
  return Poco::Net::IPAddress::tryParse(std::string(host), address) && address.isLoopback();
}

std::optional<std::string> url_problem(const std::string& url) {
  try {
    Poco::URI uri(url);
    if (uri.getScheme() != "http" && uri.getScheme() != "https")
      return "expected an http:// or https:// URL";
    if (uri.getHost().empty())
      return "the URL has no host";
    for (char c : uri.getHost())
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != ':')
        return "'" + uri.getHost() + "' is not a host name";
    if (!uri.getUserInfo().empty())
      return "credentials do not belong in the URL (use auth:)";
    return std::nullopt;
  } catch (const Poco::Exception& e) {
    return "not a valid URL (" + e.message() + ")";
  }
}

} // namespace actionhost::config::detail

namespace actionhost::config {

std::optional<ListenAddress> parse_listen_address(std::string_view text) {
  std::string_view host;
  std::string_view port;
  if (text.starts_with('[')) {
    auto close = text.find("]:");
    if (close == std::string_view::npos)
      return std::nullopt;
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos)
      return std::nullopt;
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) // a bare IPv6 address needs brackets
      return std::nullopt;
  }
  auto number = detail::number_and_unit(port);
  if (host.empty() || !number || !number->second.empty() || number->first > 65535)
    return std::nullopt;
  for (char c : host)
    if (std::isspace(static_cast<unsigned char>(c)))
      return std::nullopt;
  return ListenAddress{std::string(host), static_cast<uint16_t>(number->first)};
}

} // namespace actionhost::config
