// The internal-address rule and the choice of a checked address.
#include "address_policy.hpp"

#include "error.hpp"

#include <Poco/Net/DNS.h>
#include <Poco/Net/HostEntry.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace actionhost::proxy {

namespace {

bool internal_v4(const uint8_t* a) {
  return a[0] == 0 ||                               // 0.0.0.0/8 ("this network")
         a[0] == 10 ||                              // 10/8
         a[0] == 127 ||                             // loopback
         (a[0] == 100 && (a[1] & 0xC0) == 64) ||    // 100.64/10 CGNAT
         (a[0] == 169 && a[1] == 254) ||            // link-local (cloud metadata lives here)
         (a[0] == 172 && (a[1] & 0xF0) == 16) ||    // 172.16/12
         (a[0] == 192 && a[1] == 168) ||            // 192.168/16
         (a[0] == 192 && a[1] == 0 && a[2] == 0) || // 192.0.0/24 protocol assignments
         (a[0] == 198 && (a[1] & 0xFE) == 18) ||    // 198.18/15 benchmarking
         a[0] >= 224;                               // multicast, reserved, broadcast
}

bool internal_v6(const uint8_t* a) {
  static const uint8_t zero[16] = {};
  if (std::memcmp(a, zero, 15) == 0 && (a[15] == 0 || a[15] == 1)) // :: and ::1
    return true;
  bool v4_mapped = std::memcmp(a, zero, 10) == 0 && a[10] == 0xFF && a[11] == 0xFF;
  bool v4_compatible = std::memcmp(a, zero, 12) == 0;
  static const uint8_t nat64[12] = {0x00, 0x64, 0xFF, 0x9B};
  bool v4_nat64 = std::memcmp(a, nat64, 12) == 0;
  if (v4_mapped || v4_compatible || v4_nat64)
    return internal_v4(a + 12);
  return (a[0] & 0xFE) == 0xFC ||                   // fc00::/7 unique local
         (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) || // fe80::/10 link-local
         (a[0] == 0xFE && (a[1] & 0xC0) == 0xC0) || // fec0::/10 old site-local
         a[0] == 0xFF;                              // multicast
}

} // namespace

bool is_internal_address(const Poco::Net::IPAddress& address) {
  const auto* bytes = static_cast<const uint8_t*>(address.addr());
  return address.family() == Poco::Net::IPAddress::IPv4 ? internal_v4(bytes) : internal_v6(bytes);
}

Resolver system_resolver() {
  return [](const std::string& host) {
    Poco::Net::IPAddress literal;
    if (Poco::Net::IPAddress::tryParse(host, literal))
      return std::vector<Poco::Net::IPAddress>{literal};
    // Keep the entry: addresses() refers into it.
    Poco::Net::HostEntry entry = Poco::Net::DNS::hostByName(host);
    return entry.addresses();
  };
}

namespace detail {

namespace {

std::vector<Poco::Net::IPAddress> resolve_checked(const Resolver& resolve,
                                                  const std::string& host) {
  Poco::Net::IPAddress literal;
  std::string bare =
      host.size() > 2 && host.front() == '[' ? host.substr(1, host.size() - 2) : host;
  if (Poco::Net::IPAddress::tryParse(bare, literal))
    return {literal};
  std::vector<Poco::Net::IPAddress> found;
  try {
    found = resolve(bare);
  } catch (const std::exception&) {
    found.clear();
  }
  if (found.empty())
    throw ProxyError(AH_ERR_UNAVAILABLE, "could not resolve host '" + bare + "'");
  return found;
}

bool anchor_is_internal(const Resolver& resolve, const std::string& anchor_host) {
  try {
    for (const auto& address : resolve_checked(resolve, anchor_host))
      if (is_internal_address(address))
        return true;
  } catch (const ProxyError&) {
  }
  return false;
}

} // namespace

Poco::Net::IPAddress choose_address(const Resolver& resolve, const std::string& host,
                                    const std::string& anchor_host) {
  auto candidates = resolve_checked(resolve, host);
  std::optional<bool> internal_allowed;
  for (const auto& address : candidates) {
    if (!is_internal_address(address))
      return address;
    if (!internal_allowed)
      internal_allowed = anchor_is_internal(resolve, anchor_host);
    if (*internal_allowed)
      return address;
  }
  throw ProxyError(AH_ERR_PERMISSION,
                   "refused to connect to '" + host + "': it resolves to an internal address (" +
                       candidates.front().toString() +
                       "), and the integration's base URL is not on an internal network");
}

} // namespace detail
} // namespace actionhost::proxy
