#include "fake_host.hpp"

#include <stdexcept>

namespace {

std::string str(ah_str s) {
  return std::string(ah::view(s));
}

Block copy(const ah_content* c) {
  return {c->kind, str(c->text), str(c->data), str(c->mime_type), str(c->uri), str(c->name)};
}

// Log messages without a call (during init) go to the FakeHost being initialised.
thread_local FakeHost* initialising = nullptr;

void log(const ah_host_api*, ah_call* call, ah_log_level level, ah_str message) {
  if (call)
    call->logs.emplace_back(level, str(message));
  else if (initialising)
    initialising->init_logs.emplace_back(level, str(message));
}
int32_t is_cancelled(ah_call* call) {
  return call->cancelled ? 1 : 0;
}
ah_status progress(ah_call* call, double done, double total, ah_str message) {
  call->progress.emplace_back(done, total, str(message));
  return call->cancelled ? AH_ERR_CANCELLED : AH_OK;
}

ah_status http_request(ah_call* call, const ah_http_request* r, ah_http_response* out) {
  SentRequest sent{str(r->method), str(r->url), str(r->body), {}, {}, r->timeout_ms, r->flags};
  for (size_t i = 0; i < r->query_count; ++i)
    sent.query.emplace_back(str(r->query[i].name), str(r->query[i].value));
  for (size_t i = 0; i < r->header_count; ++i)
    sent.headers.emplace_back(str(r->headers[i].name), str(r->headers[i].value));
  call->requests.push_back(sent);
  call->last_answer = call->http ? call->http(sent) : ah_call::HttpAnswer{};
  const auto& a = call->last_answer;
  call->last_headers.clear();
  for (const auto& [n, v] : a.headers)
    call->last_headers.push_back({ah::view(n), ah::view(v)});
  out->status = a.http_status;
  out->headers = call->last_headers.data();
  out->header_count = call->last_headers.size();
  out->body = ah::view(a.body);
  out->error = ah::view(a.error);
  out->attempts = 1;
  return a.status;
}
void http_release(ah_call* call, ah_http_response* response) {
  ++call->releases;
  *response = ah_http_response{};
}

ah_status client_request(ah_call* call, const ah_client_request* r, ah_client_reply* out) {
  ah_call::Question q{str(r->method), str(r->params_json), str(r->key)};
  call->client_requests.push_back(q);
  if (!call->client)
    return AH_ERR_UNSUPPORTED;
  auto [st, result] = call->client(q);
  call->last_client_result = result;
  if (st == AH_OK)
    out->result_json = ah::view(call->last_client_result);
  else {
    call->last_client_error = "client said no";
    out->error = ah::view(call->last_client_error);
  }
  return st;
}

ah_status add_content(ah_call* call, const ah_content* c) {
  call->content.push_back(copy(c));
  return AH_OK;
}
ah_status set_structured_content(ah_call* call, ah_str json) {
  call->structured.push_back(str(json));
  return AH_OK;
}
ah_status set_error(ah_call* call, ah_str message) {
  call->errors.push_back(str(message));
  return AH_OK;
}
ah_status add_prompt_message(ah_call* call, ah_str role, const ah_content* c) {
  call->prompt_messages.emplace_back(str(role), copy(c));
  return AH_OK;
}
ah_status add_completion(ah_call* call, ah_str value) {
  call->completions.push_back(str(value));
  return AH_OK;
}

bool refused(ah_registrar* r, const std::string& id) {
  return !r->refuse_name.empty() && r->refuse_name == id;
}

ah_status register_action(ah_registrar* r, const ah_action_desc* d) {
  if (refused(r, str(d->name)))
    return AH_ERR_DUPLICATE;
  RegisteredAction a{str(d->name),
                     str(d->title),
                     str(d->description),
                     str(d->input_schema_json),
                     str(d->output_schema_json),
                     str(d->meta_json),
                     d->read_only_hint,
                     d->destructive_hint,
                     d->idempotent_hint,
                     d->open_world_hint,
                     {},
                     d->flags,
                     d->timeout_ms,
                     d->invoke,
                     d->state,
                     d->task_support};
  for (size_t i = 0; i < d->scope_count; ++i)
    a.scopes.push_back(str(d->scopes[i]));
  r->actions.push_back(a);
  return AH_OK;
}
ah_status register_resource(ah_registrar* r, const ah_resource_desc* d) {
  if (refused(r, str(d->uri)))
    return AH_ERR_DUPLICATE;
  r->resources.push_back({str(d->uri), str(d->name), str(d->title), str(d->description),
                          str(d->mime_type), d->read, nullptr, d->state});
  return AH_OK;
}
ah_status register_resource_template(ah_registrar* r, const ah_resource_template_desc* d) {
  r->templates.push_back({str(d->uri_template), str(d->name), str(d->title), str(d->description),
                          str(d->mime_type), d->read, d->complete, d->state});
  return AH_OK;
}
ah_status register_prompt(ah_registrar* r, const ah_prompt_desc* d) {
  r->prompts.push_back({str(d->name), str(d->title), str(d->description), str(d->arguments_json),
                        d->get, d->complete, d->state});
  return AH_OK;
}
thread_local FakeHost* current = nullptr; // the host whose plugin may notify without a call

void notify(const ah_host_api*, ah_call* call, ah_notify_kind kind, ah_str uri) {
  if (call)
    call->notifications.emplace_back(kind, str(uri));
  else if (current)
    current->notifications.emplace_back(kind, str(uri));
}

void registrar_set_error(ah_registrar* r, ah_str message) {
  r->errors.push_back(str(message));
}

template <class T> const T& find(const std::vector<T>& all, const std::string& id, auto key) {
  for (const auto& e : all)
    if (e.*key == id)
      return e;
  throw std::runtime_error("fake host: nothing registered as '" + id + "'");
}

} // namespace

FakeHost::FakeHost() {
  api.struct_size = sizeof(api);
  api.abi_major = AH_ABI_VERSION_MAJOR;
  api.abi_minor = AH_ABI_VERSION_MINOR;
  api.host_version = AH_LIT("test");
  api.log = &log;
  api.is_cancelled = &is_cancelled;
  api.progress = &progress;
  api.http_request = &http_request;
  api.http_release = &http_release;
  api.client_request = &client_request;
  api.add_content = &add_content;
  api.set_structured_content = &set_structured_content;
  api.set_error = &set_error;
  api.add_prompt_message = &add_prompt_message;
  api.add_completion = &add_completion;
  api.notify = &notify;
  current = this;

  registrar_api.struct_size = sizeof(registrar_api);
  registrar_api.registrar = &registrar;
  registrar_api.register_action = &register_action;
  registrar_api.register_resource = &register_resource;
  registrar_api.register_resource_template = &register_resource_template;
  registrar_api.register_prompt = &register_prompt;
  registrar_api.set_error = &registrar_set_error;
}

FakeHost::~FakeHost() {
  if (current == this)
    current = nullptr;
  if (state_ && shutdown_)
    shutdown_(state_);
}

ah_status FakeHost::init(InitFn init, void (*shutdown)(void*)) {
  initialising = this;
  ah_status st = init(&api, &registrar_api, &state_);
  initialising = nullptr;
  shutdown_ = shutdown;
  return st;
}

const RegisteredAction& FakeHost::action(const std::string& name) const {
  return find(registrar.actions, name, &RegisteredAction::name);
}

ah_status FakeHost::invoke(const std::string& name, const std::string& arguments, ah_call& call) {
  const auto& a = action(name);
  invocation.name = name;
  invocation.arguments = arguments;
  invocation.uri.clear();
  ah_invocation inv = invocation.view();
  return a.invoke(a.state, &call, &inv);
}

ah_status FakeHost::read(const std::string& uri, ah_call& call) {
  const auto& r = find(registrar.resources, uri, &RegisteredResource::uri);
  invocation.name = r.name;
  invocation.arguments = "{}";
  invocation.uri = uri;
  ah_invocation inv = invocation.view();
  return r.read(r.state, &call, &inv);
}

ah_status FakeHost::read_template(const std::string& uri_template, const std::string& uri,
                                  const std::string& variables, ah_call& call) {
  const auto& t = find(registrar.templates, uri_template, &RegisteredResource::uri);
  invocation.name = t.name;
  invocation.arguments = variables;
  invocation.uri = uri;
  ah_invocation inv = invocation.view();
  return t.read(t.state, &call, &inv);
}

ah_status FakeHost::get_prompt(const std::string& name, const std::string& arguments,
                               ah_call& call) {
  const auto& p = find(registrar.prompts, name, &RegisteredPrompt::name);
  invocation.name = name;
  invocation.arguments = arguments;
  invocation.uri.clear();
  ah_invocation inv = invocation.view();
  return p.get(p.state, &call, &inv);
}

ah_status FakeHost::complete_prompt(const std::string& name, const std::string& argument,
                                    const std::string& prefix, ah_call& call) {
  const auto& p = find(registrar.prompts, name, &RegisteredPrompt::name);
  invocation.name = name;
  invocation.arguments = "{}";
  ah_invocation inv = invocation.view();
  return p.complete(p.state, &call, &inv, ah::view(argument), ah::view(prefix));
}

ah_status FakeHost::complete_template(const std::string& uri_template, const std::string& variable,
                                      const std::string& prefix, ah_call& call) {
  const auto& t = find(registrar.templates, uri_template, &RegisteredResource::uri);
  invocation.name = t.name;
  invocation.arguments = "{}";
  ah_invocation inv = invocation.view();
  return t.complete(t.state, &call, &inv, ah::view(variable), ah::view(prefix));
}
