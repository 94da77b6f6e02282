#include "jsonrpc.hpp"

#include "schema.hpp"

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

namespace actionhost::mcp::jsonrpc {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

bool is_object(const Var& v) {
  return v.type() == typeid(Object::Ptr);
}
bool is_array(const Var& v) {
  return v.type() == typeid(Array::Ptr);
}

bool valid_id(const Var& id) {
  // MCP: "The ID MUST be a string or integer", never null.
  return id.isString() || (id.isInteger() && !id.isBoolean());
}

Message invalid(const Var& id, std::string why) {
  Message m;
  m.kind = Message::Kind::Invalid;
  if (valid_id(id))
    m.id = id;
  m.error = Error{kInvalidRequest, std::move(why), {}};
  return m;
}

} // namespace

Message classify(const Var& value) {
  if (!is_object(value))
    return invalid({}, "a JSON-RPC message must be an object");
  auto object = value.extract<Object::Ptr>();
  Var id = object->has("id") ? object->get("id") : Var();
  if (!object->has("jsonrpc") || object->get("jsonrpc").toString() != "2.0" ||
      !object->get("jsonrpc").isString())
    return invalid(id, "\"jsonrpc\" must be \"2.0\"");
  if (object->has("id") && !valid_id(id))
    return invalid({}, "\"id\" must be a string or an integer");

  if (object->has("method")) {
    Var method = object->get("method");
    if (!method.isString())
      return invalid(id, "\"method\" must be a string");
    Message m;
    m.method = method.toString();
    m.kind = object->has("id") ? Message::Kind::Request : Message::Kind::Notification;
    m.id = id;
    if (!object->has("params") || object->get("params").isEmpty()) {
      m.params = new Object;
    } else if (is_object(object->get("params"))) {
      m.params = object->getObject("params");
    } else {
      return invalid(id, "\"params\" must be an object");
    }
    return m;
  }
  if (object->has("result") || object->has("error")) {
    if (!object->has("id"))
      return invalid({}, "a response needs an \"id\"");
    Message m;
    m.kind = Message::Kind::Response;
    m.id = id;
    if (object->has("error")) {
      auto error = object->getObject("error");
      if (!error)
        return invalid(id, "\"error\" must be an object");
      Error e;
      e.code = error->optValue<int>("code", kInternalError);
      e.message = error->optValue<std::string>("message", "");
      if (error->has("data"))
        e.data = error->get("data");
      m.error = e;
    } else {
      m.result = object->get("result");
    }
    return m;
  }
  return invalid(id, "a message needs \"method\" (request or notification) or "
                     "\"result\"/\"error\" (response)");
}

Body parse(std::string_view text, const ParseLimits& limits) {
  Var root;
  try {
    Poco::JSON::Parser parser;
    parser.setDepth(limits.max_depth);
    root = parser.parse(std::string(text));
  } catch (const Poco::Exception& e) {
    throw ParseFailure{Error{kParseError, "parse error: " + e.message(), {}}};
  }
  Body body;
  if (is_array(root)) {
    auto array = root.extract<Array::Ptr>();
    if (array->size() == 0)
      throw ParseFailure{Error{kInvalidRequest, "an empty batch is not a valid request", {}}};
    body.batch = true;
    for (size_t i = 0; i < array->size(); ++i)
      body.messages.push_back(classify(array->get(static_cast<unsigned>(i))));
    return body;
  }
  if (!is_object(root))
    throw ParseFailure{Error{kInvalidRequest, "a JSON-RPC message must be an object", {}}};
  body.messages.push_back(classify(root));
  return body;
}

// Compact JSON through the schema module's serialiser (one reused stream per thread).
std::string to_json(const Var& value) {
  return schema::to_json(value);
}

std::string result_response(const Var& id, const Var& result) {
  Object::Ptr response = new Object;
  response->set("jsonrpc", "2.0");
  response->set("id", id);
  response->set("result", result);
  return to_json(response);
}

std::string error_response(const Var& id, const Error& error) {
  Object::Ptr e = new Object;
  e->set("code", error.code);
  e->set("message", error.message);
  if (!error.data.isEmpty())
    e->set("data", error.data);
  Object::Ptr response = new Object;
  response->set("jsonrpc", "2.0");
  response->set("id", id); // null when the id could not be read
  response->set("error", e);
  return to_json(response);
}

std::string notification(const std::string& method, const Object::Ptr& params) {
  Object::Ptr message = new Object;
  message->set("jsonrpc", "2.0");
  message->set("method", method);
  if (params)
    message->set("params", params);
  return to_json(message);
}

std::string request(const Var& id, const std::string& method, const Object::Ptr& params) {
  Object::Ptr message = new Object;
  message->set("jsonrpc", "2.0");
  message->set("id", id);
  message->set("method", method);
  message->set("params", params ? params : Object::Ptr(new Object));
  return to_json(message);
}

} // namespace actionhost::mcp::jsonrpc
