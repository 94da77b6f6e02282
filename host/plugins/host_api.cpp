// The ah_host_api table: what a plugin may call. Every function stays on the host's side of the
// boundary: arguments are checked, views are copied, and nothing throws back into the plugin.
#include "internal.hpp"

#include "schema.hpp"

namespace actionhost::plugins::detail {
namespace {

// Runs a host function body; a host bug (or bad_alloc) becomes AH_ERR_INTERNAL, never an
// exception unwinding through C frames.
template <class F> ah_status guarded(F&& body) noexcept {
  try {
    return body();
  } catch (...) {
    return AH_ERR_INTERNAL;
  }
}

// The plugin behind a host-table pointer handed back by the plugin; null for a table the host
// did not make (a plugin passing garbage gets its message attributed to nobody, not a crash).
const PluginState* owner_of(const ah_host_api* host) {
  if (host == nullptr || host->struct_size != sizeof(ah_host_api))
    return CurrentPlugin::get();
  return reinterpret_cast<const HostTable*>(host)->owner;
}

void host_log(const ah_host_api* host, ah_call* call, ah_log_level level, ah_str message) noexcept {
  try {
    std::string text = str(message);
    if (call != nullptr) {
      call->services->log(level, text);
      return;
    }
    if (const PluginState* plugin = owner_of(host))
      plugin->log_line(level, text);
    else
      stderr_log_sink()(level, "", text);
  } catch (...) {
  }
}

int32_t host_is_cancelled(ah_call* call) noexcept {
  try {
    return call != nullptr && call->is_cancelled() ? 1 : 0;
  } catch (...) {
    return 0;
  }
}

ah_status host_progress(ah_call* call, double progress, double total, ah_str message) noexcept {
  return guarded([&] {
    if (call == nullptr)
      return AH_ERR_INVALID_ARGUMENT;
    if (call->is_cancelled())
      return AH_ERR_CANCELLED;
    call->services->progress(progress, total < 0 ? std::nullopt : std::optional<double>(total),
                             str(message));
    return AH_OK;
  });
}

Pairs pairs_of(const ah_pair* pairs, size_t count) {
  Pairs out;
  for (size_t i = 0; pairs != nullptr && i < count; ++i)
    out.emplace_back(bytes(pairs[i].name), bytes(pairs[i].value));
  return out;
}

ah_status host_http_request(ah_call* call, const ah_http_request* request,
                            ah_http_response* out) noexcept {
  return guarded([&] {
    ah_http_request in;
    if (call == nullptr || !copy_sized(request, in) || out == nullptr)
      return AH_ERR_INVALID_ARGUMENT;
    if (call->is_cancelled())
      return AH_ERR_CANCELLED;
    HttpRequest req;
    req.method = in.method.len == 0 ? "GET" : str(in.method);
    req.url = str(in.url);
    req.query = pairs_of(in.query, in.query_count);
    req.headers = pairs_of(in.headers, in.header_count);
    req.body = bytes(in.body);
    req.timeout_ms = in.timeout_ms;
    req.flags = in.flags;

    auto stored = std::make_unique<ah_call::StoredResponse>();
    ah_status status = call->services->http_request(req, stored->response);
    const HttpResponse& r = stored->response;
    for (const auto& [name, value] : r.headers)
      stored->headers.push_back({view(name), view(value)});

    ah_http_response result;
    AH_INIT(result);
    result.status = r.status;
    result.headers = stored->headers.data();
    result.header_count = stored->headers.size();
    result.body = view(r.body);
    result.error = view(r.error);
    result.attempts = r.attempts;
    {
      std::lock_guard lock(call->mutex);
      result.handle = call->next_handle++;
      call->responses[result.handle] = std::move(stored);
    }
    write_sized(out, result);
    return status;
  });
}

void host_http_release(ah_call* call, ah_http_response* response) noexcept {
  try {
    if (call == nullptr || response == nullptr || response->struct_size == 0)
      return;
    ah_http_response copy;
    copy_sized(response, copy);
    {
      std::lock_guard lock(call->mutex);
      call->responses.erase(copy.handle);
    }
    ah_http_response cleared;
    AH_INIT(cleared);
    write_sized(response, cleared); // its views would dangle
  } catch (...) {
  }
}

ah_status host_client_request(ah_call* call, const ah_client_request* request,
                              ah_client_reply* out) noexcept {
  return guarded([&] {
    ah_client_request in;
    if (call == nullptr || out == nullptr || !copy_sized(request, in) || in.method.len == 0)
      return AH_ERR_INVALID_ARGUMENT;
    if (call->is_cancelled())
      return AH_ERR_CANCELLED;
    ClientRequest question{str(in.method), str(in.params_json), str(in.key)};
    {
      std::lock_guard lock(call->mutex);
      size_t number = ++call->questions;
      if (question.key.empty())
        question.key = std::to_string(number);
    }
    ClientReply reply;
    ah_status status = call->services->client_request(question, reply);
    ah_client_reply result;
    AH_INIT(result);
    {
      std::lock_guard lock(call->mutex);
      const ClientReply& kept = call->replies.emplace_back(std::move(reply));
      result.result_json = view(kept.result_json);
      result.error = view(kept.error);
    }
    write_sized(out, result);
    return status;
  });
}

ah_status host_add_content(ah_call* call, const ah_content* content) noexcept {
  return guarded([&] {
    ah_content block;
    if (call == nullptr || !copy_sized(content, block))
      return AH_ERR_INVALID_ARGUMENT;
    std::string problem;
    Poco::JSON::Object::Ptr json;
    if (call->kind == ah_call::Kind::resource)
      json = resource_contents(block, problem);
    else if (call->kind == ah_call::Kind::tool)
      json = content_block(block, problem);
    else
      problem = "add_content is for tool results and resource reads; prompts use "
                "add_prompt_message";
    if (!json) {
      call->plugin->log_line(AH_LOG_WARNING, "'" + call->name + "': content refused: " + problem);
      return AH_ERR_INVALID_ARGUMENT;
    }
    std::lock_guard lock(call->mutex);
    call->content->add(json);
    return AH_OK;
  });
}

ah_status host_set_structured_content(ah_call* call, ah_str json) noexcept {
  return guarded([&] {
    if (call == nullptr)
      return AH_ERR_INVALID_ARGUMENT;
    std::lock_guard lock(call->mutex);
    call->structured_set = true;
    try {
      call->structured = schema::parse_json_object(str(json));
      call->structured_problem.clear();
      return AH_OK;
    } catch (const schema::SchemaError& e) {
      // Remembered: the result becomes a tool error even if the plugin ignores the status.
      call->structured = nullptr;
      call->structured_problem = e.what();
      return AH_ERR_INVALID_ARGUMENT;
    }
  });
}

ah_status host_set_error(ah_call* call, ah_str message) noexcept {
  return guarded([&] {
    if (call == nullptr)
      return AH_ERR_INVALID_ARGUMENT;
    std::lock_guard lock(call->mutex);
    call->error = str(message);
    return AH_OK;
  });
}

ah_status host_add_prompt_message(ah_call* call, ah_str role, const ah_content* content) noexcept {
  return guarded([&] {
    ah_content block;
    if (call == nullptr || !copy_sized(content, block))
      return AH_ERR_INVALID_ARGUMENT;
    if (call->kind != ah_call::Kind::prompt)
      return AH_ERR_WRONG_PHASE;
    std::string who = str(role);
    std::string problem;
    auto json = content_block(block, problem);
    if (who != "user" && who != "assistant")
      problem = "role must be \"user\" or \"assistant\", not \"" + who + "\"";
    if (!json || !problem.empty()) {
      call->plugin->log_line(AH_LOG_WARNING,
                             "prompt '" + call->name + "': message refused: " + problem);
      return AH_ERR_INVALID_ARGUMENT;
    }
    Poco::JSON::Object::Ptr message = new Poco::JSON::Object;
    message->set("role", who);
    message->set("content", json);
    std::lock_guard lock(call->mutex);
    call->messages->add(message);
    return AH_OK;
  });
}

ah_status host_add_completion(ah_call* call, ah_str value) noexcept {
  return guarded([&] {
    if (call == nullptr)
      return AH_ERR_INVALID_ARGUMENT;
    if (call->kind != ah_call::Kind::completion)
      return AH_ERR_WRONG_PHASE;
    std::lock_guard lock(call->mutex);
    ++call->completion_total;
    if (call->completions.size() < 100) // the MCP limit per answer
      call->completions.push_back(str(value));
    return AH_OK;
  });
}

void host_notify(const ah_host_api* host, ah_call* call, ah_notify_kind kind, ah_str uri) noexcept {
  try {
    const PluginState* plugin = call != nullptr ? call->plugin : owner_of(host);
    if (plugin != nullptr)
      plugin->notify_change(kind, str(uri));
    else
      stderr_log_sink()(AH_LOG_WARNING, "", "notify with an unknown host table was dropped");
  } catch (...) {
  }
}

} // namespace

ah_host_api make_host_api(const std::string& host_version) {
  ah_host_api api;
  AH_INIT(api);
  api.abi_major = AH_ABI_VERSION_MAJOR;
  api.abi_minor = AH_ABI_VERSION_MINOR;
  api.host_version = view(host_version);
  api.log = host_log;
  api.is_cancelled = host_is_cancelled;
  api.progress = host_progress;
  api.http_request = host_http_request;
  api.http_release = host_http_release;
  api.client_request = host_client_request;
  api.add_content = host_add_content;
  api.set_structured_content = host_set_structured_content;
  api.set_error = host_set_error;
  api.add_prompt_message = host_add_prompt_message;
  api.add_completion = host_add_completion;
  api.notify = host_notify;
  return api;
}

} // namespace actionhost::plugins::detail

bool ah_call::is_cancelled() const {
  if (cancel && cancel->cancelled())
    return true;
  if (deadline && Clock::now() >= *deadline)
    return true;
  return services != nullptr && services->cancelled();
}
