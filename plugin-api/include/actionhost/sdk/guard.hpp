// The one place where C++ exceptions become ABI statuses. Every trampoline runs its body
// through guarded(), so no exception ever crosses into the host.
#pragma once

#include <actionhost/sdk/abi.hpp>
#include <actionhost/sdk/errors.hpp>

#include <exception>
#include <string>
#include <string_view>

namespace ah::detail {

inline void set_error(const ah_host_api* host, ah_call* call, std::string_view message) noexcept {
  host->set_error(call, ah_str{message.data(), message.size()});
}

// "internal error in action 'echo': boom". If even building the message fails (out of
// memory), a fixed text still reaches the host.
inline void set_internal_error(const ah_host_api* host, ah_call* call, std::string_view kind,
                               std::string_view name, std::string_view what) noexcept {
  try {
    set_error(host, call,
              "internal error in " + std::string(kind) + " '" + std::string(name) +
                  "': " + std::string(what));
  } catch (...) {
    set_error(host, call, "internal error (out of memory while reporting it)");
  }
}

// Turns a refusal by a host setter into an exception, so that guarded() reports it.
inline void check(ah_status st, const char* what) {
  if (st != AH_OK)
    throw Error(st, std::string("the host refused ") + what + " (" + std::string(status_name(st)) +
                        ")");
}

// Runs body() (which returns an ah_status) and maps whatever it throws:
//   ah::InputRequired    -> AH_ERR_INPUT_REQUIRED, no message (the host asks the client)
//   ah::Error subclasses -> set_error(what()) + their status (ToolError: AH_ERR_TOOL,
//                           DecodeError: AH_ERR_INVALID_ARGUMENT with every path, ...)
//   std::exception       -> set_error("internal error in <kind> '<name>': what()") + INTERNAL
//   anything else        -> the same with "unknown exception"
template <class F>
ah_status guarded(const ah_host_api* host, ah_call* call, std::string_view kind,
                  std::string_view name, F&& body) noexcept {
  try {
    return body();
  } catch (const InputRequired&) {
    return AH_ERR_INPUT_REQUIRED;
  } catch (const Error& e) {
    set_error(host, call, e.what());
    return e.status();
  } catch (const std::exception& e) {
    set_internal_error(host, call, kind, name, e.what());
  } catch (...) {
    set_internal_error(host, call, kind, name, "unknown exception");
  }
  return AH_ERR_INTERNAL;
}

} // namespace ah::detail
