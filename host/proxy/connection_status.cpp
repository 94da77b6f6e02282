// Names of connection states as the store and the management API show them.
#include "credentials.hpp"

namespace actionhost::proxy {

std::string to_string(ConnectionStatus status) {
  switch (status) {
  case ConnectionStatus::Ok:
    return "ok";
  case ConnectionStatus::Expired:
    return "expired";
  case ConnectionStatus::Invalid:
    return "invalid";
  case ConnectionStatus::Revoked:
    return "revoked";
  }
  return "unknown";
}

} // namespace actionhost::proxy
