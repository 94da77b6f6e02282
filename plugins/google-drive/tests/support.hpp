// What every google-drive unit test shares: the plugin built by this tree, loaded with the test
// kit, Drive's error body and file metadata as Drive sends it.
#pragma once

#include "types.hpp"

#include <actionhost/testkit.hpp>
#include <actionhost/testkit/catch2.hpp>

namespace google_drive_tests {

using namespace ah::testkit;

inline const LoadedPlugin& plugin() {
  static const LoadedPlugin loaded(PLUGIN_PATH);
  return loaded;
}

// Drive's error body ({"error": {"code", "message", "errors": [{"reason"}]}}).
inline ProviderResponse drive_error(int status, const std::string& reason,
                                    const std::string& message) {
  return ProviderResponse::json(
      R"({"error": {"code": )" + std::to_string(status) + R"(, "message": ")" + message +
          R"(", "errors": [{"reason": ")" + reason + R"(", "message": ")" + message + R"("}]}})",
      status);
}

// A file's metadata as files.get and files.list send it (size, an int64, as a JSON string).
inline std::string file_json(const std::string& id, const std::string& name,
                             const std::string& mime_type, const std::string& size = "") {
  return R"({"id": ")" + id + R"(", "name": ")" + name + R"(", "mimeType": ")" + mime_type +
         R"(", "modifiedTime": "2026-03-01T10:00:00.000Z", "owners": [{"emailAddress": )" +
         R"("ada@example.com"}])" + (size.empty() ? "" : R"(, "size": ")" + size + R"(")") + "}";
}

} // namespace google_drive_tests
