// MCP content blocks and the rich results built from them: ah::ToolResult for actions,
// ah::PromptMessage for prompts, and resource contents.
#pragma once

#include <actionhost/sdk/abi.hpp>
#include <actionhost/sdk/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ah {

// One content block, owning its strings. Build it with the ah::content:: functions below.
struct Content {
  ah_content_kind kind = AH_CONTENT_TEXT;
  std::string text;
  std::string data; // raw bytes; the host base64-encodes them
  std::string mime_type;
  std::string uri;
  std::string name;
  std::string title;
  std::string description;
  std::string annotations_json;
  std::string meta_json;
  std::int64_t size = 0;

  // A view for host->add_content; valid while this Content lives and is unchanged.
  ah_content c_view() const {
    ah_content c;
    AH_INIT(c);
    c.kind = kind;
    c.text = view(text);
    c.data = view(data);
    c.mime_type = view(mime_type);
    c.uri = view(uri);
    c.name = view(name);
    c.title = view(title);
    c.description = view(description);
    c.annotations_json = view(annotations_json);
    c.meta_json = view(meta_json);
    c.size = size;
    return c;
  }
};

namespace content {
inline Content of_kind(ah_content_kind kind) {
  Content c;
  c.kind = kind;
  return c;
}
inline Content text(std::string text) {
  Content c;
  c.text = std::move(text);
  return c;
}
inline Content image(std::string bytes, std::string mime_type) {
  Content c = of_kind(AH_CONTENT_IMAGE);
  c.data = std::move(bytes);
  c.mime_type = std::move(mime_type);
  return c;
}
inline Content audio(std::string bytes, std::string mime_type) {
  Content c = image(std::move(bytes), std::move(mime_type));
  c.kind = AH_CONTENT_AUDIO;
  return c;
}
// An embedded resource with text contents.
inline Content resource_text(std::string uri, std::string text, std::string mime_type = {}) {
  Content c = of_kind(AH_CONTENT_RESOURCE);
  c.uri = std::move(uri);
  c.text = std::move(text);
  c.mime_type = std::move(mime_type);
  return c;
}
// An embedded resource with binary contents (raw bytes).
inline Content resource_blob(std::string uri, std::string bytes, std::string mime_type = {}) {
  Content c = of_kind(AH_CONTENT_RESOURCE);
  c.uri = std::move(uri);
  c.data = std::move(bytes);
  c.mime_type = std::move(mime_type);
  return c;
}
inline Content resource_link(std::string uri, std::string name, std::string description = {},
                             std::string mime_type = {}) {
  Content c = of_kind(AH_CONTENT_RESOURCE_LINK);
  c.uri = std::move(uri);
  c.name = std::move(name);
  c.description = std::move(description);
  c.mime_type = std::move(mime_type);
  return c;
}
} // namespace content

// A tool result written by hand: content blocks, optional structured JSON, and an error flag.
//   return ah::ToolResult().text("Found 2 files").link("file:///a.txt", "a.txt");
struct ToolResult {
  std::vector<Content> blocks;
  JsonObject structured; // null for none
  bool is_error = false;

  ToolResult& add(Content c) {
    blocks.push_back(std::move(c));
    return *this;
  }
  ToolResult& text(std::string s) { return add(ah::content::text(std::move(s))); }
  ToolResult& image(std::string bytes, std::string mime_type) {
    return add(ah::content::image(std::move(bytes), std::move(mime_type)));
  }
  ToolResult& audio(std::string bytes, std::string mime_type) {
    return add(ah::content::audio(std::move(bytes), std::move(mime_type)));
  }
  ToolResult& resource(Content embedded) { return add(std::move(embedded)); }
  ToolResult& link(std::string uri, std::string name, std::string description = {}) {
    return add(ah::content::resource_link(std::move(uri), std::move(name), std::move(description)));
  }
  ToolResult& structured_content(JsonObject json) {
    structured = std::move(json);
    return *this;
  }
  // A result the model should read as a failure it can act on ("no such channel").
  static ToolResult error(std::string message) {
    ToolResult r;
    r.text(std::move(message));
    r.is_error = true;
    return r;
  }
};

// One message of a prompt's result.
struct PromptMessage {
  std::string role; // "user" or "assistant"
  Content content;
  static PromptMessage user(std::string text) {
    return {"user", ah::content::text(std::move(text))};
  }
  static PromptMessage assistant(std::string text) {
    return {"assistant", ah::content::text(std::move(text))};
  }
};

} // namespace ah
