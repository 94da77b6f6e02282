// LoadedPlugin: the host's own loader and Action::call (input and output schema checks included),
// with the call's proxy requests served by the test's Provider.
#include "provider_services.hpp"
#include "schema.hpp"

#include <actionhost/testkit/plugin.hpp>

#include <algorithm>
#include <mutex>

namespace ah::testkit {

namespace plugins = actionhost::plugins;

struct LoadedPlugin::Impl {
  std::shared_ptr<std::mutex> log_mutex = std::make_shared<std::mutex>();
  std::shared_ptr<std::vector<std::string>> logs = std::make_shared<std::vector<std::string>>();
  std::shared_ptr<plugins::Plugin> plugin;

  std::shared_ptr<const plugins::Action> action(const std::string& name) const {
    if (auto found = plugin->action(name))
      return found;
    std::string known;
    for (const auto& a : plugin->actions())
      known += (known.empty() ? "" : ", ") + a->name;
    throw std::invalid_argument("plugin '" + plugin->id() + "' has no action '" + name +
                                "' (it has: " + (known.empty() ? "none" : known) + ")");
  }
};

LoadedPlugin::LoadedPlugin(const std::string& path) : impl_(std::make_unique<Impl>()) {
  plugins::LoadOptions options;
  options.log = [mutex = impl_->log_mutex, logs = impl_->logs](
                    ah_log_level level, const std::string&, const std::string& text) {
    std::lock_guard lock(*mutex);
    logs->push_back(detail::log_level_name(level) + ": " + text);
  };
  try {
    impl_->plugin = plugins::load_plugin(path, options);
  } catch (const plugins::LoadError& e) {
    // Rethrown as a standard type: the loader's own exception types stay inside the kit.
    throw std::runtime_error(e.what());
  }
}

LoadedPlugin::~LoadedPlugin() = default;
LoadedPlugin::LoadedPlugin(LoadedPlugin&&) noexcept = default;
LoadedPlugin& LoadedPlugin::operator=(LoadedPlugin&&) noexcept = default;

std::string LoadedPlugin::id() const {
  return impl_->plugin->id();
}

std::string LoadedPlugin::version() const {
  return impl_->plugin->version();
}

std::vector<std::string> LoadedPlugin::actions() const {
  std::vector<std::string> names;
  for (const auto& a : impl_->plugin->actions())
    names.push_back(a->name);
  return names;
}

std::string LoadedPlugin::input_schema(const std::string& action) const {
  return actionhost::schema::to_json(impl_->action(action)->input_schema);
}

std::string LoadedPlugin::output_schema(const std::string& action) const {
  auto schema = impl_->action(action)->output_schema;
  return schema ? actionhost::schema::to_json(schema) : std::string();
}

std::vector<std::string> LoadedPlugin::logs() const {
  std::lock_guard lock(*impl_->log_mutex);
  return *impl_->logs;
}

CallResult LoadedPlugin::call_json(const std::string& action, const std::string& arguments_json,
                                   Provider& provider, const CallSettings& settings) const {
  auto target = impl_->action(action);
  Poco::JSON::Object::Ptr arguments;
  try {
    arguments = actionhost::schema::parse_json_object(arguments_json);
  } catch (const actionhost::schema::SchemaError& e) {
    throw std::invalid_argument("arguments for action '" + action + "' are " + e.what());
  }

  size_t problems_before = provider.problems().size();
  detail::ProviderServices services(provider, settings.client, impl_->plugin->id());
  plugins::CallOptions options;
  options.services = &services;
  options.request.integration_key = settings.integration;
  options.request.connection_id = settings.connection_id;
  options.request.end_user_id = settings.end_user_id;
  options.request.connection_metadata_json = settings.connection_metadata_json;
  options.request.settings_json = settings.settings_json;
  options.request.execution_id = "testkit";
  options.request.client_capabilities_json = settings.client.capabilities_json();
  if (settings.timeout.count() > 0) {
    options.cancel = std::make_shared<plugins::CancelToken>();
    options.cancel->set_deadline(plugins::CancelToken::Clock::now() + settings.timeout);
  }

  plugins::ToolResult raw = target->call(arguments, options);
  CallResult result;
  result.action = action;
  result.is_error = raw.is_error;
  result.status = raw.status;
  result.text = raw.text();
  result.content_json = actionhost::schema::to_json(raw.content);
  if (raw.structured_content)
    result.structured_json = actionhost::schema::to_json(raw.structured_content);
  auto problems = provider.problems();
  result.problems.assign(
      problems.begin() + static_cast<std::ptrdiff_t>(std::min(problems_before, problems.size())),
      problems.end());
  services.fill(result);
  return result;
}

CallResult LoadedPlugin::replay_json(const Fixture& fixture, const CallSettings& settings) const {
  Provider provider = fixture.provider();
  // The action sees the connection it was recorded with, unless the test says otherwise.
  CallSettings recorded = settings;
  if (recorded.connection_metadata_json == CallSettings{}.connection_metadata_json)
    recorded.connection_metadata_json = fixture.metadata_json();
  CallResult result = call_json(fixture.action(), fixture.input_json(), provider, recorded);
  for (const auto& unused : provider.unused())
    result.problems.push_back(unused);
  return result;
}

} // namespace ah::testkit
