// ah::testkit::LoadedPlugin: a plugin .so loaded by the host's own loader (the same ABI checks),
// whose actions a test calls with typed input, against a Provider, and gets typed output back.
#pragma once

#include <actionhost/sdk/encode.hpp>
#include <actionhost/testkit/client.hpp>
#include <actionhost/testkit/export.hpp>
#include <actionhost/testkit/fixture.hpp>
#include <actionhost/testkit/provider.hpp>
#include <actionhost/testkit/result.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace ah::testkit {

// Who is calling, as the action sees it through ctx.connection() and ctx.settings().
struct CallSettings {
  std::string integration = "test";
  std::string connection_id = "test-connection";
  std::string end_user_id;
  std::string connection_metadata_json = "{}";
  std::string settings_json = "{}"; // the integration's settings from integrations.yaml
  // The call's deadline, as a caller's would be: the action sees it (ctx.deadline(),
  // ctx.cancelled()) and proxy requests after it fail with AH_ERR_CANCELLED. 0: only the
  // action's own timeout, if it declares one.
  std::chrono::milliseconds timeout{0};
  // Answers the action's questions for the user or the client's model (elicitation, sampling);
  // with no handlers every question fails as with a client lacking the capability.
  Client client;
};

class AH_TESTKIT_API LoadedPlugin {
public:
  // Loads the plugin and runs its init. Throws std::runtime_error with the loader's reason
  // ("<file>: plugin 'x': ABI major 2 is not supported ...") when the host would refuse it.
  explicit LoadedPlugin(const std::string& path);
  ~LoadedPlugin();
  LoadedPlugin(LoadedPlugin&&) noexcept;
  LoadedPlugin& operator=(LoadedPlugin&&) noexcept;

  std::string id() const;
  std::string version() const;
  std::vector<std::string> actions() const;
  // The action's schemas as JSON text; output_schema is "" when it declares none. Throws
  // std::invalid_argument for an action the plugin does not have.
  std::string input_schema(const std::string& action) const;
  std::string output_schema(const std::string& action) const;
  // What the plugin logged outside any call (during init).
  std::vector<std::string> logs() const;

  // Calls `action` with JSON arguments (validated against its input schema first, as the host
  // does), serving its proxy requests from `provider`; the output is checked against the output
  // schema. Throws std::invalid_argument for an unknown action or arguments that are not JSON.
  CallResult call_json(const std::string& action, const std::string& arguments_json,
                       Provider& provider, const CallSettings& settings = {}) const;

  // The typed form: `input` is the plugin's own input struct, encoded as the SDK does, and the
  // result's output() is the plugin's own output struct.
  template <class Out, class In>
  Result<Out> call(const std::string& action, const In& input, Provider& provider,
                   const CallSettings& settings = {}) const {
    return Result<Out>(call_json(action, ah::encode_json(input), provider, settings));
  }
  // For actions that make no provider requests: any request they make fails.
  template <class Out, class In>
  Result<Out> call(const std::string& action, const In& input) const {
    Provider none;
    return call<Out>(action, input, none);
  }

  // Replays a recorded call: the fixture's action, input and connection metadata (unless
  // `settings` sets its own), answered from its exchanges. The
  // result's problems list requests with no recorded match and exchanges never requested;
  // fixture.differences(result) compares the output with the recorded one.
  CallResult replay_json(const Fixture& fixture, const CallSettings& settings = {}) const;
  template <class Out>
  Result<Out> replay(const Fixture& fixture, const CallSettings& settings = {}) const {
    return Result<Out>(replay_json(fixture, settings));
  }

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace ah::testkit
