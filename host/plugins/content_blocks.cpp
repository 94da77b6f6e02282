// ah_content as MCP JSON: content blocks for tool results and prompt messages, and resource
// contents for resources/read. Binary data arrives raw and leaves base64-encoded.
#include "internal.hpp"

#include "schema.hpp"

#include <Poco/Base64Encoder.h>

#include <sstream>

namespace actionhost::plugins::detail {
namespace {

std::string base64(ah_str data) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0); // MCP wants one unbroken string
  encoder.write(data.ptr ? data.ptr : "", static_cast<std::streamsize>(data.len));
  encoder.close();
  return out.str();
}

// Optional JSON-object fields (annotations, _meta); false with `problem` set when malformed.
bool set_json_object(Poco::JSON::Object& target, const char* key, ah_str json, const char* field,
                     std::string& problem) {
  if (json.len == 0)
    return true;
  try {
    target.set(key, schema::parse_json_object(str(json)));
    return true;
  } catch (const schema::SchemaError& e) {
    problem = std::string(field) + " is " + e.what();
    return false;
  }
}

void set_if(Poco::JSON::Object& target, const char* key, ah_str value) {
  if (value.len > 0)
    target.set(key, str(value));
}

// The {uri, mimeType?, text | blob} object shared by embedded resources and resources/read.
Poco::JSON::Object::Ptr resource_object(const ah_content& c, std::string& problem) {
  if (c.uri.len == 0) {
    problem = "a resource needs a uri";
    return nullptr;
  }
  Poco::JSON::Object::Ptr r = new Poco::JSON::Object;
  r->set("uri", str(c.uri));
  set_if(*r, "mimeType", c.mime_type);
  if (c.data.len > 0)
    r->set("blob", base64(c.data));
  else
    r->set("text", str(c.text));
  if (!set_json_object(*r, "_meta", c.meta_json, "meta_json", problem))
    return nullptr;
  return r;
}

} // namespace

Poco::JSON::Object::Ptr content_block(const ah_content& c, std::string& problem) {
  Poco::JSON::Object::Ptr block = new Poco::JSON::Object;
  switch (c.kind) {
  case AH_CONTENT_TEXT:
    block->set("type", "text");
    block->set("text", str(c.text));
    break;
  case AH_CONTENT_IMAGE:
  case AH_CONTENT_AUDIO:
    if (c.mime_type.len == 0) {
      problem = std::string(c.kind == AH_CONTENT_IMAGE ? "an image" : "audio") +
                " block needs a mime_type";
      return nullptr;
    }
    block->set("type", c.kind == AH_CONTENT_IMAGE ? "image" : "audio");
    block->set("data", base64(c.data));
    block->set("mimeType", str(c.mime_type));
    break;
  case AH_CONTENT_RESOURCE: {
    auto resource = resource_object(c, problem);
    if (!resource)
      return nullptr;
    block->set("type", "resource");
    block->set("resource", resource);
    break;
  }
  case AH_CONTENT_RESOURCE_LINK:
    if (c.uri.len == 0 || c.name.len == 0) {
      problem = "a resource link needs a uri and a name";
      return nullptr;
    }
    block->set("type", "resource_link");
    block->set("uri", str(c.uri));
    block->set("name", str(c.name));
    set_if(*block, "title", c.title);
    set_if(*block, "description", c.description);
    set_if(*block, "mimeType", c.mime_type);
    if (c.size > 0)
      block->set("size", c.size);
    break;
  default:
    problem = "unknown content kind " + std::to_string(c.kind);
    return nullptr;
  }
  if (!set_json_object(*block, "annotations", c.annotations_json, "annotations_json", problem))
    return nullptr;
  if (c.kind != AH_CONTENT_RESOURCE &&
      !set_json_object(*block, "_meta", c.meta_json, "meta_json", problem))
    return nullptr;
  return block;
}

Poco::JSON::Object::Ptr resource_contents(const ah_content& c, std::string& problem) {
  if (c.kind != AH_CONTENT_RESOURCE) {
    problem =
        "a resource read returns AH_CONTENT_RESOURCE blocks, not kind " + std::to_string(c.kind);
    return nullptr;
  }
  return resource_object(c, problem);
}

} // namespace actionhost::plugins::detail
