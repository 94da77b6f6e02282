// Conversions between the ABI's ah_str views and std::string_view.
#pragma once

#include <actionhost/plugin.h>

#include <string_view>

namespace ah {

// Borrowed both ways: the result is valid as long as the viewed characters are.
inline ah_str view(std::string_view s) {
  return ah_str{s.data(), s.size()};
}
inline std::string_view view(ah_str s) {
  return s.len ? std::string_view(s.ptr, s.len) : std::string_view();
}

} // namespace ah
