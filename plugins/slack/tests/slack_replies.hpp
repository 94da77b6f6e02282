// Slack's answers as the tests write them: pages of conversations.list and conversations.history
// with their cursors, and {"ok": false} errors.
#pragma once

#include <actionhost/testkit.hpp>

#include <string>
#include <vector>

namespace slack_test {

using ah::testkit::ProviderResponse;

// {"id": "C...", "name": "..."}: the smallest channel Slack sends.
inline std::string channel(const std::string& id, const std::string& name) {
  return R"({"id":")" + id + R"(","name":")" + name + R"(","is_member":true})";
}

// One page of conversations.list: the channels (JSON objects) and the cursor of the next page
// ("" on the last one, as Slack sends it).
inline ProviderResponse channels_page(const std::vector<std::string>& channels,
                                      const std::string& next_cursor = "") {
  std::string list;
  for (const auto& c : channels)
    list += (list.empty() ? "" : ",") + c;
  return ProviderResponse::json(R"({"ok":true,"channels":[)" + list +
                                R"(],"response_metadata":{"next_cursor":")" + next_cursor +
                                R"("}})");
}

inline std::string message(const std::string& ts, const std::string& text) {
  return R"({"type":"message","ts":")" + ts + R"(","user":"U0ADA00001","text":")" + text + R"("})";
}

inline ProviderResponse history_page(const std::vector<std::string>& messages, bool has_more,
                                     const std::string& next_cursor = "") {
  std::string list;
  for (const auto& m : messages)
    list += (list.empty() ? "" : ",") + m;
  return ProviderResponse::json(
      R"({"ok":true,"messages":[)" + list + R"(],"has_more":)" + (has_more ? "true" : "false") +
      R"(,"response_metadata":{"next_cursor":")" + next_cursor + R"("}})");
}

// Slack's error answer: HTTP 200 with ok false.
inline ProviderResponse slack_error(const std::string& code, const std::string& extra = "") {
  return ProviderResponse::json(R"({"ok":false,"error":")" + code + "\"" +
                                (extra.empty() ? "" : "," + extra) + "}");
}

} // namespace slack_test
