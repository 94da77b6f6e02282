// A loaded plugin's lifetime: what it registered, and shutting it down exactly once, after the
// last running call and before its library closes.
#include "internal.hpp"

namespace actionhost::plugins {

using detail::Access;

Plugin::Plugin(std::unique_ptr<detail::PluginState> state) : state_(std::move(state)) {}

Plugin::~Plugin() {
  shutdown();
}

const std::string& Plugin::id() const {
  return state_->id;
}
const std::string& Plugin::version() const {
  return state_->version;
}
const std::string& Plugin::title() const {
  return state_->title;
}
const std::string& Plugin::description() const {
  return state_->description;
}
const std::string& Plugin::file() const {
  return state_->file;
}
const std::string& Plugin::sha256() const {
  return state_->sha256;
}
uint16_t Plugin::abi_major() const {
  return state_->def.abi_major;
}
uint16_t Plugin::abi_minor() const {
  return state_->def.abi_minor;
}
std::string Plugin::abi_version() const {
  return std::to_string(abi_major()) + "." + std::to_string(abi_minor());
}

std::vector<std::shared_ptr<const Action>> Plugin::actions() const {
  std::shared_ptr<Plugin> self = Access::self(*this);
  std::vector<std::shared_ptr<const Action>> out;
  for (const Action& action : state_->actions)
    out.emplace_back(self, &action); // shares ownership of the plugin
  return out;
}

std::shared_ptr<const Action> Plugin::action(const std::string& name) const {
  for (const Action& action : state_->actions)
    if (action.name == name)
      return std::shared_ptr<const Action>(Access::self(*this), &action);
  return nullptr;
}

const std::vector<Resource>& Plugin::resources() const {
  return state_->resources;
}
const std::vector<ResourceTemplate>& Plugin::resource_templates() const {
  return state_->resource_templates;
}
const std::vector<Prompt>& Plugin::prompts() const {
  return state_->prompts;
}

void Plugin::shutdown() {
  detail::PluginState& s = *state_;
  {
    std::unique_lock lock(s.mutex);
    if (s.closed)
      return;
    s.closed = true;
    s.idle.wait(lock, [&] { return s.in_flight == 0; });
  }
  if (s.initialized && s.def.shutdown != nullptr) {
    detail::CurrentPlugin current(&s);
    try {
      s.def.shutdown(s.plugin_state);
    } catch (...) {
      s.log_line(AH_LOG_ERROR, "shutdown let a C++ exception escape; it was ignored");
    }
  }
  s.initialized = false;
}

} // namespace actionhost::plugins
