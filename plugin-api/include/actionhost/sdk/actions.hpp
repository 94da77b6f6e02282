// ah::Action: one registered action (an MCP tool), its descriptor, and its invoke trampoline.
#pragma once

#include <actionhost/sdk/callable.hpp>
#include <actionhost/sdk/context.hpp>
#include <actionhost/sdk/guard.hpp>

#include <chrono>
#include <functional>

namespace ah {

namespace detail {

// Tool arguments: an empty text is the empty object.
template <class In> In decode_arguments(std::string_view text) {
  return decode_json<In>(text.empty() ? std::string_view("{}") : text);
}

inline void set_structured(Context& ctx, const std::string& json) {
  check(ctx.host().set_structured_content(ctx.call(), view(json)), "the structured result");
}

inline ah_status emit(Context& ctx, const ToolResult& r) {
  for (const Content& block : r.blocks) {
    ah_content c = block.c_view();
    check(ctx.host().add_content(ctx.call(), &c), "a content block");
  }
  if (r.structured)
    set_structured(ctx, json::stringify(r.structured));
  if (!r.is_error)
    return AH_OK;
  auto text = std::find_if(r.blocks.begin(), r.blocks.end(),
                           [](const Content& c) { return c.kind == AH_CONTENT_TEXT; });
  set_error(&ctx.host(), ctx.call(),
            text != r.blocks.end() ? text->text : "the action reported an error");
  return AH_ERR_TOOL;
}

template <class Out> ah_status emit(Context& ctx, const Out& out) {
  if constexpr (std::same_as<Out, None>) {
    return AH_OK;
  } else if constexpr (std::same_as<Out, JsonObject>) {
    set_structured(ctx, json::stringify(out ? out : json::object()));
    return AH_OK;
  } else {
    static_assert(Record<Out>, "an action returns a Record, ah::None, void, ah::ToolResult or "
                               "ah::JsonObject");
    set_structured(ctx, encode_json(out));
    return AH_OK;
  }
}

// Calls fn and emits what it returns; void results emit nothing.
template <class Out, class F, class In> ah_status run_and_emit(F& fn, Context& ctx, const In& in) {
  if constexpr (std::is_void_v<Out>) {
    fn(ctx, in);
    return AH_OK;
  } else {
    return emit(ctx, static_cast<const Out&>(fn(ctx, in)));
  }
}

// The output schema published for Out: only Records other than None have one.
template <class Out> std::string output_schema_for() {
  if constexpr (Record<Out> && !std::same_as<Out, None>)
    return schema_json<Out>();
  else
    return {};
}

} // namespace detail

// Whether a client may run an action as an MCP task (ah_action_desc.task_support): the call then
// answers at once with a task id and the client polls for the result.
enum class TaskSupport : ah_task_support {
  forbidden = AH_TASK_FORBIDDEN, // the default: always an ordinary call
  optional = AH_TASK_OPTIONAL,   // a task when the client supports tasks, else an ordinary call
  required = AH_TASK_REQUIRED,   // only as a task; refused for clients that cannot poll
};

class Action {
public:
  using Runner = std::function<ah_status(Context&)>;

  Action(const ah_host_api* host, std::string name, std::string input_schema,
         std::string output_schema, Runner run)
      : host_(host), name_(std::move(name)), input_schema_(std::move(input_schema)),
        output_schema_(std::move(output_schema)), run_(std::move(run)) {}

  Action& title(std::string v) { return set(title_, std::move(v)); }
  Action& description(std::string v) { return set(description_, std::move(v)); }
  // MCP tool annotations; never calling one leaves it out of the tool.
  Action& read_only(bool v = true) { return set(read_only_, tristate(v)); }
  Action& destructive(bool v = true) { return set(destructive_, tristate(v)); }
  Action& idempotent(bool v = true) { return set(idempotent_, tristate(v)); }
  Action& open_world(bool v = true) { return set(open_world_, tristate(v)); }
  // Provider scopes the action needs.
  Action& scopes(std::vector<std::string> v) {
    scopes_ = std::move(v);
    scope_views_.clear();
    for (const auto& s : scopes_)
      scope_views_.push_back(view(s));
    return *this;
  }
  // Never run two invocations of this action at once.
  Action& serialized(bool v = true) { return set(flags_, v ? AH_ACTION_SERIALIZED : 0u); }
  Action& timeout(std::chrono::milliseconds v) {
    return set(timeout_ms_, static_cast<uint32_t>(v.count()));
  }
  Action& meta(std::string json) { return set(meta_, std::move(json)); }
  // Long jobs: let clients that support tasks poll instead of holding the request open.
  Action& task_support(TaskSupport v) {
    return set(task_support_, static_cast<ah_task_support>(v));
  }
  // Replaces the derived output schema (raw actions returning ToolResult.structured).
  Action& output_schema(std::string json) { return set(output_schema_, std::move(json)); }

  const std::string& name() const { return name_; }
  const std::string& id() const { return name_; }
  const std::string& input_schema_json() const { return input_schema_; }
  const std::string& output_schema_json() const { return output_schema_; }

  // The C descriptor; its views point into this Action.
  ah_action_desc descriptor() const {
    ah_action_desc d;
    AH_INIT(d);
    d.name = view(name_);
    d.title = view(title_);
    d.description = view(description_);
    d.input_schema_json = view(input_schema_);
    d.output_schema_json = view(output_schema_);
    d.read_only_hint = read_only_;
    d.destructive_hint = destructive_;
    d.idempotent_hint = idempotent_;
    d.open_world_hint = open_world_;
    d.scopes = scope_views_.empty() ? nullptr : scope_views_.data();
    d.scope_count = scope_views_.size();
    d.flags = flags_;
    d.timeout_ms = timeout_ms_;
    d.invoke = &Action::invoke;
    d.state = const_cast<Action*>(this);
    d.meta_json = view(meta_);
    d.task_support = task_support_;
    return d;
  }

  static ah_status invoke(void* state, ah_call* call, const ah_invocation* inv) noexcept {
    const Action& a = *static_cast<const Action*>(state);
    return detail::guarded(a.host_, call, "action", a.name_, [&] {
      Context ctx(a.host_, call, inv);
      ah_status st = a.run_(ctx);
      // A deferred question means the host re-runs the action with the answer.
      return ctx.input_pending() ? AH_ERR_INPUT_REQUIRED : st;
    });
  }

private:
  template <class M, class V> Action& set(M& member, V&& v) {
    member = std::forward<V>(v);
    return *this;
  }
  static ah_tristate tristate(bool v) { return v ? AH_TRUE : AH_FALSE; }

  const ah_host_api* host_;
  std::string name_, title_, description_, input_schema_, output_schema_, meta_;
  ah_tristate read_only_ = AH_UNSET, destructive_ = AH_UNSET, idempotent_ = AH_UNSET,
              open_world_ = AH_UNSET;
  std::vector<std::string> scopes_;
  std::vector<ah_str> scope_views_;
  uint32_t flags_ = 0, timeout_ms_ = 0;
  ah_task_support task_support_ = AH_TASK_FORBIDDEN;
  Runner run_;
};

} // namespace ah
