// The plugin's entry point: AH_PLUGIN defines `actionhost_plugin` and a registration function;
// init_plugin / shutdown_plugin are the init and shutdown trampolines behind it.
//
//   AH_PLUGIN("sample", "0.1.0", "Sample", "Demonstrates the typed plugin API") {
//     plugin.action("echo", echo).title("Echo").read_only();
//   }
#pragma once

#include <actionhost/sdk/registry.hpp>

#include <cstddef>
#include <string>

namespace ah {

using RegisterFn = void (*)(Plugin&);

namespace detail {
inline void refuse_init(const ah_registrar_api* reg, std::string_view message) noexcept {
  reg->set_error(reg->registrar, view(message));
}
// Building the message may itself fail (out of memory); a fixed text still gets through.
inline void refuse_init_internal(const ah_registrar_api* reg, std::string_view what) noexcept {
  try {
    refuse_init(reg, "plugin initialisation failed: " + std::string(what));
  } catch (...) {
    refuse_init(reg, "plugin initialisation failed (out of memory while reporting it)");
  }
}
inline constexpr ah_str literal(const char* s) {
  return ah_str{s, std::char_traits<char>::length(s)};
}
} // namespace detail

// Builds the Plugin through Register, registers everything and hands it to the host as the
// plugin state. Whatever Register throws becomes reg->set_error + a status; nothing escapes.
template <RegisterFn Register>
ah_status init_plugin(const ah_host_api* host, const ah_registrar_api* reg,
                      void** plugin_state) noexcept {
  // Every host function this layer calls is in ABI 1.0; a smaller table is a broken host.
  if (!host || host->struct_size < offsetof(ah_host_api, add_completion) + sizeof(void*)) {
    detail::refuse_init(reg, "the host API table is smaller than ABI 1.0 requires");
    return AH_ERR_UNSUPPORTED;
  }
  try {
    auto plugin = std::make_unique<Plugin>(host);
    Register(*plugin);
    ah_status st = plugin->register_all(*reg);
    if (st == AH_OK)
      *plugin_state = plugin.release();
    return st;
  } catch (const Error& e) {
    detail::refuse_init(reg, e.what());
    return e.status();
  } catch (const std::exception& e) {
    detail::refuse_init_internal(reg, e.what());
  } catch (...) {
    detail::refuse_init_internal(reg, "unknown exception");
  }
  return AH_ERR_INTERNAL;
}

// Frees everything init_plugin allocated.
inline void shutdown_plugin(void* plugin_state) noexcept {
  delete static_cast<Plugin*>(plugin_state);
}

// The static definition actionhost_plugin returns. Arguments must be string literals.
constexpr ah_plugin_def
plugin_def(const char* id, const char* version, const char* title, const char* description,
           ah_status (*init)(const ah_host_api*, const ah_registrar_api*, void**),
           void (*shutdown)(void*)) {
  return ah_plugin_def{sizeof(ah_plugin_def),
                       AH_ABI_VERSION_MAJOR,
                       AH_ABI_VERSION_MINOR,
                       detail::literal(id),
                       detail::literal(version),
                       detail::literal(title),
                       detail::literal(description),
                       init,
                       shutdown};
}

} // namespace ah

// Defines the entry point and opens the body of the registration function, which receives
// `ah::Plugin& plugin`. Use once per plugin library.
#define AH_PLUGIN(id, version, title, description)                                                 \
  static void ah_plugin_register_(::ah::Plugin& plugin);                                           \
  extern "C" AH_EXPORT const ah_plugin_def* actionhost_plugin(void) {                              \
    static constexpr ah_plugin_def def =                                                           \
        ::ah::plugin_def(id, version, title, description,                                          \
                         &::ah::init_plugin<&ah_plugin_register_>, &::ah::shutdown_plugin);        \
    return &def;                                                                                   \
  }                                                                                                \
  static void ah_plugin_register_([[maybe_unused]] ::ah::Plugin& plugin)
