// The ah_registrar_api table handed to def->init. Each function copies its descriptor the
// size-tolerant way, checks it, and records why it refused, for the plugin's refusal message.
#include "descriptors.hpp"

namespace actionhost::plugins::detail {
namespace {

// AH_OK when registering is allowed right now: during init, on init's thread.
ah_status check_phase(ah_registrar* r, const char* function) {
  if (r == nullptr)
    return AH_ERR_INVALID_ARGUMENT;
  if (r->open && std::this_thread::get_id() == r->thread)
    return AH_OK;
  if (r->plugin != nullptr)
    r->plugin->log_line(AH_LOG_WARNING,
                        std::string(function) + " was called " +
                            (r->open ? "from another thread" : "after init returned") +
                            " and was ignored; register everything inside init, on its thread");
  return AH_ERR_WRONG_PHASE;
}

// Runs one registration: phase check, copy, conversion, and the bookkeeping of refusals.
template <class Desc, class Make, class Store>
ah_status do_register(ah_registrar* r, const Desc* desc, const char* function, const char* kind,
                      Make make, Store store) noexcept {
  try {
    if (ah_status phase = check_phase(r, function); phase != AH_OK)
      return phase;
    Desc copy;
    if (!copy_sized(desc, copy)) {
      r->errors.push_back(
          std::string(function) + " was given " +
          (desc ? "a " + std::string(kind) + " with struct_size 0 (use AH_INIT)" : "NULL"));
      return AH_ERR_INVALID_ARGUMENT;
    }
    try {
      store(*r->plugin, make(copy, *r->plugin));
      return AH_OK;
    } catch (const Refusal& refusal) {
      r->errors.push_back(refusal.reason);
      return refusal.status;
    }
  } catch (const std::exception& e) {
    if (r != nullptr)
      r->errors.push_back(std::string(function) + " failed inside the host: " + e.what());
    return AH_ERR_INTERNAL;
  } catch (...) {
    return AH_ERR_INTERNAL;
  }
}

ah_status register_action(ah_registrar* r, const ah_action_desc* desc) noexcept {
  return do_register(r, desc, "register_action", "action", make_action,
                     [](PluginState& p, Action a) { p.actions.push_back(std::move(a)); });
}

ah_status register_resource(ah_registrar* r, const ah_resource_desc* desc) noexcept {
  return do_register(r, desc, "register_resource", "resource", make_resource,
                     [](PluginState& p, Resource x) { p.resources.push_back(std::move(x)); });
}

ah_status register_resource_template(ah_registrar* r,
                                     const ah_resource_template_desc* desc) noexcept {
  return do_register(
      r, desc, "register_resource_template", "resource template", make_resource_template,
      [](PluginState& p, ResourceTemplate x) { p.resource_templates.push_back(std::move(x)); });
}

ah_status register_prompt(ah_registrar* r, const ah_prompt_desc* desc) noexcept {
  return do_register(r, desc, "register_prompt", "prompt", make_prompt,
                     [](PluginState& p, Prompt x) { p.prompts.push_back(std::move(x)); });
}

void set_error(ah_registrar* r, ah_str message) noexcept {
  try {
    if (r != nullptr && r->open)
      r->init_error = str(message);
  } catch (...) {
  }
}

} // namespace

ah_registrar_api make_registrar_api(ah_registrar* registrar) {
  ah_registrar_api api;
  AH_INIT(api);
  api.registrar = registrar;
  api.register_action = register_action;
  api.register_resource = register_resource;
  api.register_resource_template = register_resource_template;
  api.register_prompt = register_prompt;
  api.set_error = set_error;
  return api;
}

} // namespace actionhost::plugins::detail
