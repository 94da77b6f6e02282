// ah::Plugin: what a registration function fills in, and how it reaches the host's registrar.
#pragma once

#include <actionhost/sdk/actions.hpp>
#include <actionhost/sdk/prompts.hpp>
#include <actionhost/sdk/resources.hpp>

#include <memory>

namespace ah {

class Plugin {
public:
  explicit Plugin(const ah_host_api* host) : host_(host) {}
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

  // A typed action: Out fn(ah::Context&, const In&). In is a Record (or ah::None); Out is a
  // Record (its schema becomes the output schema), ah::None, void, ah::ToolResult or
  // ah::JsonObject. Both are read off fn's signature unless given.
  // Like every handler below, fn may run on several worker threads at once (unless the action
  // is .serialized()), so whatever it shares must be thread-safe.
  template <class In = detail::deduce, class Out = detail::deduce, class F>
  Action& action(std::string name, F fn) {
    using I = detail::input_t<In, F>;
    using O = detail::output_t<Out, F, I>;
    static_assert(Record<I>, "an action's input is a struct with static fields(), or ah::None");
    auto run = [fn = std::move(fn)](Context& ctx) mutable {
      return detail::run_and_emit<O>(fn, ctx, detail::decode_arguments<I>(ctx.arguments_json()));
    };
    return add(actions_, host_, std::move(name), schema_json<I>(), detail::output_schema_for<O>(),
               std::move(run));
  }

  // A raw action: fn(ah::Context&, const ah::JsonObject& arguments) with a hand-written input
  // schema, returning what a typed action may return (usually an ah::ToolResult).
  template <class F> Action& raw_action(std::string name, std::string input_schema_json, F fn) {
    using O = std::invoke_result_t<F&, Context&, const JsonObject&>;
    auto run = [fn = std::move(fn)](Context& ctx) mutable {
      JsonObject args;
      try {
        args = json::parse_object(ctx.arguments_json());
      } catch (const std::invalid_argument& e) {
        throw DecodeError("(root)", e.what());
      }
      return detail::run_and_emit<O>(fn, ctx, args);
    };
    return add(actions_, host_, std::move(name), std::move(input_schema_json),
               detail::output_schema_for<O>(), std::move(run));
  }

  // A fixed resource: fn(ah::Context&) returns its text or its content blocks.
  template <class F> Resource& resource(std::string uri, std::string name, F fn) {
    return add(resources_, host_, std::move(uri), std::move(name),
               Resource::Reader([fn = std::move(fn)](Context& ctx) mutable {
                 return ResourceContents(fn(ctx));
               }));
  }

  // A resource template: fn(ah::Context&, const Vars&), Vars a Record of the URI variables
  // (strings, formatted strings or enums: variables arrive as text).
  template <class Vars = detail::deduce, class F>
  ResourceTemplate& resource_template(std::string uri_template, std::string name, F fn) {
    using V = detail::input_t<Vars, F>;
    detail::check_string_fields<V>();
    auto read = [fn = std::move(fn)](Context& ctx) mutable {
      return ResourceContents(fn(ctx, detail::decode_arguments<V>(ctx.arguments_json())));
    };
    auto& t = add(templates_, host_, std::move(uri_template), std::move(name),
                  ResourceTemplate::Reader(std::move(read)));
    t.completions().template add_enum_defaults<V>();
    return t;
  }

  // A prompt: fn(ah::Context&, const Args&) returns its messages; Args is a Record of strings
  // and enums whose fields become the prompt's arguments.
  template <class Args = detail::deduce, class F> Prompt& prompt(std::string name, F fn) {
    using A = detail::input_t<Args, F>;
    detail::check_string_fields<A>();
    auto get = [fn = std::move(fn)](Context& ctx) mutable {
      return std::vector<PromptMessage>(fn(ctx, detail::decode_arguments<A>(ctx.arguments_json())));
    };
    auto& p = add(prompts_, host_, std::move(name), detail::prompt_arguments_json<A>(),
                  Prompt::Getter(std::move(get)));
    p.completions().template add_enum_defaults<A>();
    return p;
  }

  // Plugin-wide state (a cache, a parsed config) that lives until shutdown. Handlers may use it
  // from several threads at once, so it must be thread-safe.
  template <class T, class... A> T& make(A&&... args) {
    auto owned = std::make_shared<T>(std::forward<A>(args)...);
    T& ref = *owned;
    owned_.push_back(std::move(owned));
    return ref;
  }

  // Logs during registration (there is no request yet).
  void log(LogLevel level, std::string_view message) const {
    host_->log(host_, nullptr, static_cast<ah_log_level>(level), view(message));
  }
  const ah_host_api& host() const { return *host_; }

  // Tells subscribed clients that a resource or a list changed. Handlers may keep a reference
  // to the Plugin (it lives until shutdown) and call this from any thread.
  void notify(Change what, std::string_view uri = {}) const {
    detail::notify(host_, nullptr, what, uri);
  }

  const std::vector<std::unique_ptr<Action>>& actions() const { return actions_; }
  const std::vector<std::unique_ptr<Resource>>& resources() const { return resources_; }
  const std::vector<std::unique_ptr<ResourceTemplate>>& resource_templates() const {
    return templates_;
  }
  const std::vector<std::unique_ptr<Prompt>>& prompts() const { return prompts_; }

  // Registers everything, in order, stopping at the first refusal; on refusal it tells the
  // registrar which entry failed and returns the registrar's status.
  ah_status register_all(const ah_registrar_api& reg) const {
    ah_status st = AH_OK;
    auto each = [&](const auto& entries, auto fn, std::string_view kind) {
      for (const auto& e : entries) {
        if (st != AH_OK)
          return;
        auto d = e->descriptor();
        st = fn(reg.registrar, &d);
        if (st != AH_OK)
          refuse(reg, kind, e->id(), st);
      }
    };
    each(actions_, reg.register_action, "action");
    each(resources_, reg.register_resource, "resource");
    each(templates_, reg.register_resource_template, "resource template");
    each(prompts_, reg.register_prompt, "prompt");
    return st;
  }

private:
  template <class T, class... A> static T& add(std::vector<std::unique_ptr<T>>& to, A&&... args) {
    to.push_back(std::make_unique<T>(std::forward<A>(args)...));
    return *to.back();
  }
  static void refuse(const ah_registrar_api& reg, std::string_view kind, std::string_view id,
                     ah_status st) {
    std::string msg = "registering " + std::string(kind) + " '" + std::string(id) +
                      "' failed: " + std::string(status_name(st));
    reg.set_error(reg.registrar, view(msg));
  }

  const ah_host_api* host_;
  // Declared first so that it is destroyed last, after the handlers that may refer to it.
  std::vector<std::shared_ptr<void>> owned_;
  std::vector<std::unique_ptr<Action>> actions_;
  std::vector<std::unique_ptr<Resource>> resources_;
  std::vector<std::unique_ptr<ResourceTemplate>> templates_;
  std::vector<std::unique_ptr<Prompt>> prompts_;
};

} // namespace ah
