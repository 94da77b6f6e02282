// Drive API v3 calls through the host's proxy: the fields each action asks for, file metadata,
// and Drive's error bodies ({"error": {"code", "message", "errors": [{"reason"}]}}) turned into
// tool errors a model can act on.
#pragma once

#include "types.hpp"

#include <string>

namespace drive {

// The metadata fields get_file and search_files read (Drive returns only id, name and mimeType
// unless asked for more).
inline constexpr const char* kFileFields =
    "id,name,mimeType,size,modifiedTime,webViewLink,owners(emailAddress)";

// Throws the tool error for a response that is not 2xx. `subject` names what was asked for in
// messages ("the search", "file with id 'abc'").
void check(const ah::Response& response, const std::string& subject);

// GET `path` with `query`, checked.
ah::Response get(ah::Context& ctx, const std::string& path, const ah::Pairs& query,
                 const std::string& subject);

// Drive's reason for an error response ("notFound", "exportSizeLimitExceeded"), "" when none.
std::string reason_of(const ah::Response& response);

File file_of(const ah::JsonObject& item);

std::string text(const ah::JsonObject& object, const std::string& name);

} // namespace drive
