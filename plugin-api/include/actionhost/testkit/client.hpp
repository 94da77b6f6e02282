// ah::testkit::Client: the MCP client of a call under test, answering the questions an action
// asks the user (elicitation) or the client's model (sampling) with handlers written in the test.
// A question with no handler fails as it does with a client that lacks the capability
// (AH_ERR_UNSUPPORTED), and the action sees only the capabilities that have a handler
// (ctx.client_supports("elicitation")).
//
//   ah::testkit::CallSettings settings;
//   settings.client.on_elicit([](const ah::testkit::ClientQuestion& q) {
//     CHECK(q.message() == "Close 2 issues in acme/rockets?");
//     return ah::testkit::ClientAnswer::accept(Confirm{.confirm = true});
//   });
//   settings.client.on_sample(ah::testkit::ClientAnswer::text("Two crashes on start-up."));
//   auto result = plugin.call<Out>("close_issues", In{...}, provider, settings);
//   CHECK(result.questions.size() == 1);
#pragma once

#include <actionhost/plugin.h>
#include <actionhost/sdk/encode.hpp>
#include <actionhost/sdk/json.hpp>
#include <actionhost/testkit/export.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ah::testkit {

// One question the action sent to the client.
struct AH_TESTKIT_API ClientQuestion {
  std::string method;      // "elicitation/create", "sampling/createMessage", "roots/list"
  std::string params_json; // the request's params object
  std::string key;         // the action's name for it, else its number in the call ("1", ...)

  JsonObject params() const; // params_json parsed
  // What the user or the model is asked: an elicitation's message, or the text of a sampling
  // request's last message ("" when there is none).
  std::string message() const;
};

// What the test's client answers: a result object, or a failure (no answer arrived).
struct AH_TESTKIT_API ClientAnswer {
  std::string result_json = "{}"; // the JSON-RPC result object
  ah_status failure = AH_OK;      // not AH_OK: the request fails with `error`
  std::string error;

  // Elicitation: the user filled the form with `content_json` (a JSON object) ...
  static ClientAnswer accept_json(std::string content_json);
  // ... or with the action's own form struct, encoded as the SDK does.
  template <class T> static ClientAnswer accept(const T& content) {
    return accept_json(ah::encode_json(content));
  }
  static ClientAnswer decline();
  static ClientAnswer cancel();
  // Sampling: the model answers `text`.
  static ClientAnswer text(std::string text, std::string model = "test-model");
  // Any result object, as written ("roots/list": {"roots": [...]}).
  static ClientAnswer result(std::string result_json);
  // No answer: the action's request fails with `status` (AH_ERR_CANCELLED, AH_ERR_TIMEOUT, ...).
  static ClientAnswer fail(ah_status status, std::string error);
};

using ClientHandler = std::function<ClientAnswer(const ClientQuestion&)>;

// Copies share one set of handlers. Handlers may be called from any thread the action uses.
class AH_TESTKIT_API Client {
public:
  Client(); // answers nothing: every question fails with AH_ERR_UNSUPPORTED

  // Answers every request of `method` (replacing an earlier handler for it).
  Client& on(std::string method, ClientHandler handler);
  Client& on(std::string method, ClientAnswer answer);
  Client& on_elicit(ClientHandler handler) { return on("elicitation/create", std::move(handler)); }
  Client& on_elicit(ClientAnswer answer) { return on("elicitation/create", std::move(answer)); }
  Client& on_sample(ClientHandler handler) {
    return on("sampling/createMessage", std::move(handler));
  }
  Client& on_sample(ClientAnswer answer) { return on("sampling/createMessage", std::move(answer)); }

  // The capabilities the action sees: {"elicitation": {}, "sampling": {}, "roots": {}} for the
  // methods that have a handler.
  std::string capabilities_json() const;
  // The handler's answer (what it throws passes through), or the failure a client without the
  // capability gives. The kit calls it for every question; a handler that throws fails the
  // question with AH_ERR_INTERNAL and is listed in the result's problems.
  ClientAnswer answer(const ClientQuestion& question) const;

private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

} // namespace ah::testkit
