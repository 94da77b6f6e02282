// Text crossing from a plugin into the host: copied, and made valid UTF-8.
#include "internal.hpp"

#include <Poco/UTF8Encoding.h>

namespace actionhost::plugins::detail {

namespace {
// The length a UTF-8 sequence announces in its first byte, or 0 for a byte that cannot start one.
int announced_length(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF)
    return 2;
  if (lead >= 0xE0 && lead <= 0xEF)
    return 3;
  if (lead >= 0xF0 && lead <= 0xF4)
    return 4;
  return 0;
}
} // namespace

std::string str(ah_str s) {
  if (s.ptr == nullptr)
    return {};
  const auto* p = reinterpret_cast<const unsigned char*>(s.ptr);
  std::string out;
  out.reserve(s.len);
  for (size_t i = 0; i < s.len;) {
    if (p[i] < 0x80) {
      out += static_cast<char>(p[i++]);
      continue;
    }
    size_t length = static_cast<size_t>(announced_length(p[i]));
    // isLegal also rejects overlong forms and UTF-16 surrogates.
    if (length > 0 && i + length <= s.len &&
        Poco::UTF8Encoding::isLegal(p + i, static_cast<int>(length))) {
      out.append(s.ptr + i, length);
      i += length;
    } else {
      out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
      ++i;
    }
  }
  return out;
}

} // namespace actionhost::plugins::detail
