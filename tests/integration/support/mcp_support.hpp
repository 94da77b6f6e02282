// Helpers for the MCP integration tests: a host serving the sample and conformance plugins, and
// JSON-RPC over HTTP in the session era and the stateless era.
#pragma once

#include "host_process.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <chrono>
#include <optional>

#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace actionhost::testing::mcp {

// A host serving `sample` (open), `locked` (access: key) and, when its plugin was built,
// `conformance` (open), with extra lines appended to the server section.
class McpHost {
public:
  explicit McpHost(const std::string& server_section = "");
  uint16_t port() const { return host_->port(); }
  HostProcess& process() { return *host_; }

private:
  TempDir dir_;
  std::unique_ptr<HostProcess> host_;
};

using Headers = std::map<std::string, std::string>;

// POST with Content-Type: application/json and Accept: application/json, text/event-stream.
HttpReply post(uint16_t port, const std::string& path, const std::string& body,
               Headers headers = {});

Poco::JSON::Object::Ptr json(const std::string& text);
// The JSON-RPC messages of a body: one JSON object, or every `data:` line of an SSE stream.
std::vector<Poco::JSON::Object::Ptr> messages(const HttpReply& reply);
// The message answering `id` (the last message of the body when id is empty).
Poco::JSON::Object::Ptr response_to(const HttpReply& reply, const std::string& id = "");

// initialize (+ notifications/initialized) and return the session id.
std::string open_session(uint16_t port, const std::string& path = "/mcp/sample",
                         const std::string& version = "2025-11-25",
                         const std::string& capabilities = "{}");
// A request in an open session; `params` is JSON object text.
HttpReply call(uint16_t port, const std::string& session, const std::string& method,
               const std::string& params = "{}", int id = 1,
               const std::string& path = "/mcp/sample", const std::string& version = "2025-11-25");

// A 2026-07-28 request with the standard headers and _meta envelope.
HttpReply stateless(uint16_t port, const std::string& method, const std::string& params = "{}",
                    const std::string& capabilities = "{}", const std::string& path = "/mcp/sample",
                    Headers extra = {}, int id = 1);

// One server-sent event as a client reads it.
struct SseEvent {
  std::string id, event, data;
  Poco::JSON::Object::Ptr message; // the data as a JSON-RPC message, null when it is not JSON
};

// A response stream read as it arrives (a GET stream, a subscriptions/listen stream, a POST
// answered with SSE). close() hangs up, as a client that cancels or leaves does.
class SseStream {
public:
  SseStream(uint16_t port, const std::string& method, const std::string& path,
            const std::string& body = {}, Headers headers = {})
      : session_("127.0.0.1", port) {
    session_.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers)
      request.set(name, value);
    if (method == "POST") {
      request.setContentType("application/json");
      if (!request.has("Accept"))
        request.set("Accept", "application/json, text/event-stream");
      request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session_.sendRequest(request) << body;
    in_ = &session_.receiveResponse(response_);
  }
  int status() const { return static_cast<int>(response_.getStatus()); }
  std::string header(const std::string& name) const { return response_.get(name, ""); }

  // The next event that carries data (comments, keep-alives and priming events are skipped), or
  // nothing when none arrives within `timeout` or the stream ended.
  std::optional<SseEvent> next(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    SseEvent event;
    std::string line;
    while (in_ && *in_) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0)
        return std::nullopt;
      session_.socket().setReceiveTimeout(Poco::Timespan(left.count() * 1000));
      try {
        if (!std::getline(*in_, line))
          return std::nullopt;
      } catch (const Poco::Exception&) {
        return std::nullopt;
      }
      if (line.rfind("id: ", 0) == 0) {
        event.id = line.substr(4);
      } else if (line.rfind("event: ", 0) == 0) {
        event.event = line.substr(7);
      } else if (line.rfind("data: ", 0) == 0) {
        event.data = line.substr(6);
        if (!event.data.empty() && event.data[0] == '{')
          event.message = json(event.data);
      } else if (line.empty() && !event.data.empty()) {
        return event;
      } else if (line.empty()) {
        event = {};
      }
    }
    return std::nullopt;
  }
  void close() { session_.abort(); }

private:
  Poco::Net::HTTPClientSession session_;
  Poco::Net::HTTPResponse response_;
  std::istream* in_ = nullptr;
};

inline McpHost::McpHost(const std::string& server_section) {
  std::string yaml =
      "server:\n  listen: 127.0.0.1:0\n" + server_section +
      "integrations:\n"
      "  sample:\n    plugin: sample\n    access: open\n    title: Sample\n"
      "    description: The sample plugin\n"
      "    instructions: Call echo to check the connection.\n"
      "    auth:\n      mode: NONE\n"
      "  locked:\n    plugin: sample\n    access: key\n    auth:\n      mode: NONE\n";
  auto conformance = plugin_dir().parent_path() / "tests" / "plugins";
  if (std::filesystem::exists(conformance / "conformance.so"))
    yaml += "  conformance:\n    plugin: " + (conformance / "conformance.so").string() +
            "\n    access: open\n    auth:\n      mode: NONE\n";
  auto config = dir_.write("integrations.yaml", yaml);
  host_ = std::make_unique<HostProcess>(std::vector<std::string>{
      "--config", config.string(), "--data-dir", (dir_.path() / "data").string()});
}

inline HttpReply post(uint16_t port, const std::string& path, const std::string& body,
                      Headers headers) {
  headers.emplace("Content-Type", "application/json");
  headers.emplace("Accept", "application/json, text/event-stream");
  return http_request(port, "POST", path, body, headers);
}

inline Poco::JSON::Object::Ptr json(const std::string& text) {
  Poco::JSON::Parser parser;
  return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

inline std::vector<Poco::JSON::Object::Ptr> messages(const HttpReply& reply) {
  std::vector<Poco::JSON::Object::Ptr> out;
  if (reply.headers.count("content-type") &&
      reply.headers.at("content-type").find("text/event-stream") != std::string::npos) {
    std::istringstream lines(reply.body);
    std::string line;
    while (std::getline(lines, line))
      if (line.rfind("data: ", 0) == 0 && line.size() > 6 && line[6] == '{')
        out.push_back(json(line.substr(6)));
  } else if (!reply.body.empty() && reply.body.front() == '{') {
    out.push_back(json(reply.body));
  }
  return out;
}

inline Poco::JSON::Object::Ptr response_to(const HttpReply& reply, const std::string& id) {
  auto all = messages(reply);
  for (auto& m : all)
    if ((m->has("result") || m->has("error")) && (id.empty() || m->get("id").toString() == id))
      return m;
  return all.empty() ? Poco::JSON::Object::Ptr(new Poco::JSON::Object) : all.back();
}

inline std::string open_session(uint16_t port, const std::string& path, const std::string& version,
                                const std::string& capabilities) {
  auto init =
      post(port, path,
           R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":")" +
               version + R"(","capabilities":)" + capabilities +
               R"(,"clientInfo":{"name":"test","version":"1"}}})");
  std::string session = init.headers["mcp-session-id"];
  post(port, path, R"({"jsonrpc":"2.0","method":"notifications/initialized"})",
       {{"Mcp-Session-Id", session}, {"MCP-Protocol-Version", version}});
  return session;
}

inline HttpReply call(uint16_t port, const std::string& session, const std::string& method,
                      const std::string& params, int id, const std::string& path,
                      const std::string& version) {
  return post(port, path,
              R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"method":")" + method +
                  R"(","params":)" + params + "}",
              {{"Mcp-Session-Id", session}, {"MCP-Protocol-Version", version}});
}

inline HttpReply stateless(uint16_t port, const std::string& method, const std::string& params,
                           const std::string& capabilities, const std::string& path, Headers extra,
                           int id) {
  auto p = json(params);
  Poco::JSON::Object::Ptr meta = new Poco::JSON::Object;
  meta->set("io.modelcontextprotocol/protocolVersion", "2026-07-28");
  meta->set("io.modelcontextprotocol/clientCapabilities", json(capabilities));
  if (auto existing = p->getObject("_meta"))
    for (const auto& [k, v] : *existing)
      meta->set(k, v);
  p->set("_meta", meta);
  std::ostringstream body;
  body << R"({"jsonrpc":"2.0","id":)" << id << R"(,"method":")" << method << R"(","params":)";
  p->stringify(body);
  body << "}";
  Headers headers{{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", method}};
  if (p->has("name"))
    headers["Mcp-Name"] = p->getValue<std::string>("name");
  else if (p->has("uri"))
    headers["Mcp-Name"] = p->getValue<std::string>("uri");
  else if (p->has("taskId")) // tasks/get, tasks/update, tasks/cancel (SEP-2663)
    headers["Mcp-Name"] = p->getValue<std::string>("taskId");
  for (auto& [k, v] : extra)
    headers[k] = v;
  return post(port, path, body.str(), headers);
}

} // namespace actionhost::testing::mcp
