// The stateless era's requestState: what a multi round-trip request has gathered so far, sent to
// the client and back. The client must not be able to forge answers, so the state is signed with
// an HMAC-SHA256 under a key drawn at random for this process.
#pragma once

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>

namespace actionhost::mcp {

class StateSigner {
public:
  StateSigner(); // a fresh random key
  // "<base64url payload>.<base64url mac>"
  std::string seal(const Poco::JSON::Object::Ptr& state) const;
  // The state, or nothing when the text was not sealed by this signer (tampered, truncated, ...).
  std::optional<Poco::JSON::Object::Ptr> open(const std::string& sealed) const;

private:
  std::string mac(const std::string& payload) const;
  std::string key_;
};

} // namespace actionhost::mcp

namespace actionhost::mcp {
// URL-safe base64 without padding (cursors, state); nothing on malformed input.
std::string base64url(const std::string& bytes);
std::optional<std::string> unbase64url(const std::string& text);
} // namespace actionhost::mcp
