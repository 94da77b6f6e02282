// ah::Prompt: a prompt template whose arguments are a struct of strings (and enums, which
// complete from their names by themselves).
#pragma once

#include <actionhost/sdk/callable.hpp>
#include <actionhost/sdk/completion.hpp>

#include <functional>

namespace ah {

// Prompt arguments and URI template variables travel as strings, so only string-valued fields
// can hold them.
template <class T>
concept StringArgument = StringLike<unwrap_optional_t<T>> || NamedEnum<unwrap_optional_t<T>>;

namespace detail {
template <Record T> void check_string_fields() {
  for_each_field<T>([](const auto& f) {
    static_assert(StringArgument<typename std::remove_cvref_t<decltype(f)>::member_type>,
                  "prompt arguments and URI template variables must be strings, formatted "
                  "strings or enums");
  });
}

// [{"name": ..., "description": ..., "required": ...}] from the argument struct's fields.
template <Record Args> std::string prompt_arguments_json() {
  JsonArray out = json::array();
  for_each_field<Args>([&](const auto& f) {
    JsonObject arg = json::object();
    arg->set("name", std::string(f.name));
    if (!f.description.empty())
      arg->set("description", std::string(f.description));
    arg->set("required", f.required());
    out->add(arg);
  });
  return json::stringify(out);
}
} // namespace detail

class Prompt {
public:
  static constexpr std::string_view kind = "prompt";
  using Getter = std::function<std::vector<PromptMessage>(Context&)>;

  Prompt(const ah_host_api* host, std::string name, std::string arguments_json, Getter get)
      : host_(host), name_(std::move(name)), arguments_(std::move(arguments_json)),
        get_(std::move(get)) {}

  Prompt& title(std::string v) {
    title_ = std::move(v);
    return *this;
  }
  Prompt& description(std::string v) {
    description_ = std::move(v);
    return *this;
  }
  // Completes one argument (replacing the automatic completion of an enum argument).
  Prompt& complete(std::string argument, Completer c) {
    completions_.add(std::move(argument), std::move(c));
    return *this;
  }

  const std::string& name() const { return name_; }
  const std::string& id() const { return name_; }
  const std::string& arguments_json() const { return arguments_; }
  const ah_host_api* host() const { return host_; }
  Completions& completions() { return completions_; }
  const Completions& completions() const { return completions_; }

  ah_prompt_desc descriptor() const {
    ah_prompt_desc d;
    AH_INIT(d);
    d.name = view(name_);
    d.title = view(title_);
    d.description = view(description_);
    d.arguments_json = view(arguments_);
    d.get = &Prompt::get;
    d.complete = completions_.empty() ? nullptr : &Completions::trampoline<Prompt>;
    d.state = const_cast<Prompt*>(this);
    return d;
  }

  static ah_status get(void* state, ah_call* call, const ah_invocation* inv) noexcept {
    const Prompt& p = *static_cast<const Prompt*>(state);
    return detail::guarded(p.host_, call, kind, p.name_, [&] {
      Context ctx(p.host_, call, inv);
      for (const PromptMessage& m : p.get_(ctx)) {
        ah_content c = m.content.c_view();
        detail::check(p.host_->add_prompt_message(call, view(m.role), &c), "a prompt message");
      }
      return AH_OK;
    });
  }

private:
  const ah_host_api* host_;
  std::string name_, title_, description_, arguments_;
  Getter get_;
  Completions completions_;
};

} // namespace ah
