// Argument completion (completion/complete) for prompts and resource templates.
#pragma once

#include <actionhost/sdk/context.hpp>
#include <actionhost/sdk/guard.hpp>

#include <functional>
#include <map>

namespace ah {

// Returns the values that complete `prefix` for one argument; the host sends at most 100.
using Completer = std::function<std::vector<std::string>(Context&, std::string_view prefix)>;

namespace detail {
inline bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}
} // namespace detail

// A completer over a fixed list: the values starting with the prefix, ignoring case.
inline Completer complete_from(std::vector<std::string> values) {
  return [values = std::move(values)](Context&, std::string_view prefix) {
    std::vector<std::string> out;
    for (const auto& v : values)
      if (detail::starts_with_nocase(v, prefix))
        out.push_back(v);
    return out;
  };
}

// The completers of one prompt or resource template, by argument name.
class Completions {
public:
  void add(std::string argument, Completer c) { by_argument_[std::move(argument)] = std::move(c); }
  bool empty() const { return by_argument_.empty(); }

  // Enum fields complete from their declared names unless a completer is added for them.
  template <Record T> void add_enum_defaults() {
    for_each_field<T>([&](const auto& f) {
      using V = typename std::remove_cvref_t<decltype(f)>::value_type;
      if constexpr (NamedEnum<V>) {
        std::vector<std::string> names;
        for (const auto& e : enum_names<V>::values)
          names.emplace_back(e.name);
        by_argument_.try_emplace(std::string(f.name), complete_from(std::move(names)));
      }
    });
  }

  ah_status run(const ah_host_api* host, ah_call* call, const ah_invocation* inv,
                std::string_view kind, std::string_view owner, ah_str argument,
                ah_str prefix) const noexcept {
    return detail::guarded(host, call, kind, owner, [&] {
      auto it = by_argument_.find(view(argument));
      if (it == by_argument_.end())
        return AH_OK; // no completer: no suggestions, not an error
      Context ctx(host, call, inv);
      std::vector<std::string> values = it->second(ctx, view(prefix));
      for (size_t i = 0; i < values.size() && i < 100; ++i)
        host->add_completion(call, view(values[i]));
      return AH_OK;
    });
  }

  // The ah_complete_fn for an entry type with host(), kind, id() and completions().
  template <class Entry>
  static ah_status trampoline(void* state, ah_call* call, const ah_invocation* inv, ah_str argument,
                              ah_str prefix) noexcept {
    const Entry& e = *static_cast<const Entry*>(state);
    return e.completions().run(e.host(), call, inv, Entry::kind, e.id(), argument, prefix);
  }

private:
  std::map<std::string, Completer, std::less<>> by_argument_;
};

} // namespace ah
