// Registered descriptors, checked and copied into the host's own types. A descriptor that breaks a
// rule throws Refusal; the registrar records its reason for the plugin's refusal message.
#pragma once

#include "internal.hpp"

namespace actionhost::plugins::detail {

struct Refusal {
  ah_status status;
  std::string reason;
};

Action make_action(const ah_action_desc& desc, const PluginState& plugin);
Resource make_resource(const ah_resource_desc& desc, const PluginState& plugin);
ResourceTemplate make_resource_template(const ah_resource_template_desc& desc,
                                        const PluginState& plugin);
Prompt make_prompt(const ah_prompt_desc& desc, const PluginState& plugin);

} // namespace actionhost::plugins::detail
