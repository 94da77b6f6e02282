// Loading one plugin, in the order that runs as little plugin code as possible before trusting
// it: file checks and hash, open, entry point, ABI handshake, then init with the registrar.
#include "internal.hpp"

#include <filesystem>

namespace actionhost::plugins {

using detail::Access;
using detail::PluginState;

namespace {

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const auto& part : parts)
    out += (out.empty() ? "" : separator) + part;
  return out;
}

std::unique_ptr<PluginState> open_library(const std::string& path, const LoadOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw LoadError(path, "", "not found; check the plugin path");
  if (!fs::is_regular_file(path, ec))
    throw LoadError(path, "", "is not a regular file, so it cannot be a plugin library");

  auto state = std::make_unique<PluginState>();
  state->file = path;
  state->log = options.log ? options.log : stderr_log_sink();
  state->notify = options.notify;
  state->host_version = options.host_version;
  try {
    state->sha256 = sha256_of_file(path);
  } catch (const std::exception& e) {
    throw LoadError(path, "", e.what());
  }
  // Before opening: dlopen already runs the library's static constructors.
  if (options.expected_sha256 && lower(*options.expected_sha256) != state->sha256)
    throw LoadError(path, "",
                    "sha256 mismatch: expected " + lower(*options.expected_sha256) +
                        " but the file hashes to " + state->sha256 +
                        "; update the pinned hash if this build is intended");
  try {
    state->library = std::make_unique<detail::Library>(fs::absolute(path).string());
  } catch (const std::exception& e) {
    throw LoadError(path, "", std::string("not a loadable shared library: ") + e.what());
  }
  return state;
}

// Reads the definition through the entry point and checks it, without running init.
void read_definition(PluginState& state) {
  const std::string& path = state.file;
  ah_plugin_entry_fn entry = state.library->entry();
  if (entry == nullptr)
    throw LoadError(path, "",
                    "missing entry point '" AH_PLUGIN_ENTRY_SYMBOL
                    "'; a plugin exports it with AH_EXPORT (see actionhost/plugin.h)");
  const ah_plugin_def* def = nullptr;
  try {
    def = entry();
  } catch (...) {
    throw LoadError(path, "", "entry point '" AH_PLUGIN_ENTRY_SYMBOL "' threw an exception");
  }
  if (def == nullptr)
    throw LoadError(path, "",
                    "entry point '" AH_PLUGIN_ENTRY_SYMBOL
                    "' returned NULL; it must return a pointer to a static ah_plugin_def");
  if (def->struct_size < offsetof(ah_plugin_def, id))
    throw LoadError(path, "",
                    "ah_plugin_def.struct_size is " + std::to_string(def->struct_size) +
                        ", too small to hold the ABI version; set it with AH_INIT or sizeof");
  detail::copy_sized(def, state.def);
  detail::check_abi(path, state.def, state.host_version);

  state.id = detail::str(state.def.id);
  state.version = detail::str(state.def.version);
  state.title = detail::str(state.def.title);
  state.description = detail::str(state.def.description);
  if (!detail::is_valid_plugin_id(state.id))
    throw LoadError(path, "",
                    "invalid plugin id '" + state.id +
                        "': ids are 1-64 characters of a-z 0-9 _ . -, starting with a letter or "
                        "digit");
  if (state.def.init == nullptr)
    throw LoadError(path, state.id, "ah_plugin_def.init is NULL; a plugin registers in init");
}

// Runs init with the host API and an open registrar; returns why it failed, or "".
std::string run_init(PluginState& state) {
  state.host_table = {detail::make_host_api(state.host_version), &state};
  state.registrar = std::make_unique<ah_registrar>();
  state.registrar->plugin = &state;
  state.registrar->thread = std::this_thread::get_id();
  state.registrar->open = true;
  state.registrar_api = detail::make_registrar_api(state.registrar.get());

  ah_status status = AH_OK;
  std::string thrown;
  {
    detail::CurrentPlugin current(&state);
    try {
      status = state.def.init(&state.host_table.api, &state.registrar_api, &state.plugin_state);
    } catch (const std::exception& e) {
      thrown = e.what();
      status = AH_ERR_INTERNAL;
    } catch (...) {
      thrown = "unknown exception";
      status = AH_ERR_INTERNAL;
    }
  }
  state.registrar->open = false; // from now on every registration is AH_ERR_WRONG_PHASE

  const auto& errors = state.registrar->errors;
  if (!thrown.empty())
    return "init let a C++ exception escape (" + thrown + "); plugin code must catch everything";
  if (status != AH_OK) {
    const std::string& why = state.registrar->init_error;
    std::string reason =
        "init failed with status " + std::to_string(status) + " (" + status_name(status) + ")" +
        (why.empty() ? " without a message (explain with reg->set_error)" : ": " + why);
    if (!errors.empty())
      reason += "; registration problems: " + join(errors, "; ");
    return reason;
  }
  state.initialized = true;
  return join(errors, "; ");
}

} // namespace

std::shared_ptr<Plugin> load_plugin(const std::string& path, const LoadOptions& options) {
  auto state = open_library(path, options);
  read_definition(*state);

  std::shared_ptr<Plugin> plugin(Access::make_plugin(std::move(state)));
  Access::set_self(*plugin, plugin);
  PluginState& s = Access::state(*plugin);
  // On refusal `plugin` is released here: shutdown runs if init succeeded, then the library closes.
  if (std::string refusal = run_init(s); !refusal.empty())
    throw LoadError(path, s.id, refusal);
  for (Action& action : s.actions)
    Access::bind(action, plugin.get(), Access::invoke(action), Access::state(action));
  return plugin;
}

} // namespace actionhost::plugins
