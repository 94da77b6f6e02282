#include "http.hpp"

#include <Poco/Net/DNS.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/NumberParser.h>

#include <stdexcept>

namespace actionhost::http {

ListenAddress parse_listen_address(const std::string& text) {
  auto fail = [&](const std::string& why) {
    return std::invalid_argument("invalid listen address '" + text + "': " + why +
                                 " (expected HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080)");
  };
  ListenAddress address;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':')
      throw fail("an IPv6 address needs the form [ADDR]:PORT");
    address.host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string::npos)
      throw fail("missing port");
    address.host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (address.host.empty())
    throw fail("missing host");
  unsigned value = 0;
  if (!Poco::NumberParser::tryParseUnsigned(port, value) || value > 65535)
    throw fail("port must be a number from 0 to 65535");
  address.port = static_cast<uint16_t>(value);
  return address;
}

bool ListenAddress::is_loopback() const {
  if (host == "localhost")
    return true;
  Poco::Net::IPAddress ip;
  return Poco::Net::IPAddress::tryParse(host, ip) && ip.isLoopback();
}

std::string ListenAddress::to_string() const {
  bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

} // namespace actionhost::http
