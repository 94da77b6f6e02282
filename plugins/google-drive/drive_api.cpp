// Drive API v3 calls and Drive's errors.
#include "drive_api.hpp"

namespace drive {

namespace {

ah::JsonObject error_of(const ah::Response& response) {
  try {
    return ah::json::as_object(response.json_object()->get("error"));
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::string message_of(const ah::Response& response) {
  auto error = error_of(response);
  std::string message = error ? text(error, "message") : "";
  return message.empty() ? "HTTP " + std::to_string(response.status) : message;
}

} // namespace

std::string text(const ah::JsonObject& object, const std::string& name) {
  if (!object || !object->has(name) || object->isNull(name))
    return {};
  return object->get(name).toString();
}

std::string reason_of(const ah::Response& response) {
  auto error = error_of(response);
  auto errors = error ? error->getArray("errors") : nullptr;
  if (!errors || errors->size() == 0)
    return {};
  return text(errors->getObject(0), "reason");
}

ah::Response get(ah::Context& ctx, const std::string& path, const ah::Pairs& query,
                 const std::string& subject) {
  auto response = ctx.proxy().get(path, query);
  check(response, subject);
  return response;
}

void check(const ah::Response& response, const std::string& subject) {
  if (response.ok())
    return;
  std::string reason = reason_of(response);
  int status = response.status;
  if (status == 404)
    throw ah::ToolError("Drive has no " + subject +
                        " that this connection can see; search_files finds files by name");
  if (status == 401)
    throw ah::ToolError("Drive rejected this connection's credentials; the connection must be "
                        "reconnected");
  if (status == 429 || reason == "userRateLimitExceeded" || reason == "rateLimitExceeded")
    throw ah::ToolError("Drive is rate limiting this connection; try again in a minute");
  if (reason == "insufficientPermissions" || reason == "insufficientFilePermissions")
    throw ah::ToolError("this Drive connection may not read " + subject + ": " +
                        message_of(response));
  if (status >= 500)
    throw ah::ToolError("Drive answered HTTP " + std::to_string(status) + " for " + subject +
                        "; try again later");
  throw ah::ToolError("Drive refused " + subject + ": " + message_of(response));
}

File file_of(const ah::JsonObject& item) {
  File file;
  file.id = text(item, "id");
  file.name = text(item, "name");
  file.mime_type = text(item, "mimeType");
  // Drive sends int64 values as JSON strings.
  std::string size = text(item, "size");
  if (!size.empty()) {
    try {
      file.size = std::stoll(size);
    } catch (const std::exception&) {
      throw ah::HttpError(AH_ERR_UPSTREAM, "Drive sent a size that is not a number: " + size);
    }
  }
  std::string modified = text(item, "modifiedTime");
  if (!modified.empty() && ah::DateTime::valid(modified))
    file.modified_time = ah::DateTime{modified};
  std::string link = text(item, "webViewLink");
  if (!link.empty())
    file.web_view_link = link;
  if (auto owners = item->getArray("owners"))
    for (size_t i = 0; i < owners->size(); ++i) {
      std::string email = text(owners->getObject(static_cast<unsigned>(i)), "emailAddress");
      if (!email.empty())
        file.owners.push_back(email);
    }
  return file;
}

} // namespace drive
