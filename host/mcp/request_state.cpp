#include "request_state.hpp"

#include "jsonrpc.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/HMACEngine.h>
#include <Poco/JSON/Parser.h>
#include <Poco/RandomStream.h>
#include <Poco/SHA2Engine.h>

#include <sstream>

namespace actionhost::mcp {
namespace {

class Sha256Engine : public Poco::SHA2Engine {
public:
  enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
  Sha256Engine() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

} // namespace

std::string base64url(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder.rdbuf()->setLineLength(0);
  encoder << bytes;
  encoder.close();
  return out.str();
}

std::optional<std::string> unbase64url(const std::string& text) {
  try {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    std::string bytes((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    return bytes;
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

namespace {

bool same(const std::string& a, const std::string& b) {
  if (a.size() != b.size())
    return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

} // namespace

StateSigner::StateSigner() {
  Poco::RandomInputStream random;
  key_.resize(32);
  random.read(key_.data(), static_cast<std::streamsize>(key_.size()));
}

std::string StateSigner::mac(const std::string& payload) const {
  Poco::HMACEngine<Sha256Engine> hmac(key_);
  hmac.update(payload);
  const auto& digest = hmac.digest();
  return std::string(digest.begin(), digest.end());
}

std::string StateSigner::seal(const Poco::JSON::Object::Ptr& state) const {
  std::string payload = jsonrpc::to_json(state);
  return base64url(payload) + "." + base64url(mac(payload));
}

std::optional<Poco::JSON::Object::Ptr> StateSigner::open(const std::string& sealed) const {
  auto dot = sealed.find('.');
  if (dot == std::string::npos)
    return std::nullopt;
  auto payload = unbase64url(sealed.substr(0, dot));
  auto tag = unbase64url(sealed.substr(dot + 1));
  // Re-encoding catches trailing bytes a lenient decoder would skip.
  if (!payload || !tag || base64url(*tag) != sealed.substr(dot + 1) || !same(*tag, mac(*payload)))
    return std::nullopt;
  try {
    Poco::JSON::Parser parser;
    auto value = parser.parse(*payload);
    if (value.type() == typeid(Poco::JSON::Object::Ptr))
      return value.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
  }
  return std::nullopt;
}

} // namespace actionhost::mcp
