// Shared by the files of this module only: the state behind a Plugin, the host's side of the
// opaque ABI handles (ah_call, ah_registrar), and the size-tolerant copy every struct goes through.
#pragma once

#include "library.hpp"
#include "plugins.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <list>
#include <map>
#include <string_view>
#include <thread>
#include <type_traits>

namespace actionhost::plugins::detail {

// Copies min(in->struct_size, sizeof(T)) bytes into a zeroed T, so a struct from an older, smaller
// ABI reads as "not set" for every field it does not have, and a newer, larger one is cut to
// what this host knows. Returns false when `in` is null or its struct_size is 0.
template <class T> bool copy_sized(const T* in, T& out) {
  static_assert(std::is_trivially_copyable_v<T>);
  std::memset(static_cast<void*>(&out), 0, sizeof(T));
  if (in == nullptr || in->struct_size == 0)
    return false;
  std::memcpy(static_cast<void*>(&out), in, std::min<size_t>(in->struct_size, sizeof(T)));
  return true;
}

// Writes `value` into a struct the plugin provides, only as far as its struct_size reaches.
template <class T> void write_sized(T* out, const T& value) {
  static_assert(std::is_trivially_copyable_v<T>);
  if (out == nullptr || out->struct_size == 0)
    return;
  uint32_t size = out->struct_size;
  T copy = value;
  copy.struct_size = size;
  std::memcpy(static_cast<void*>(out), &copy, std::min<size_t>(size, sizeof(T)));
}

// A borrowed view as owned text. Everything the host copies ends up in JSON for a client, so bytes
// that are not UTF-8 become U+FFFD here instead of breaking a response later. A NULL pointer with
// a length is a plugin bug; it reads as empty rather than crashing the host.
std::string str(ah_str s);
// A borrowed view as owned bytes, unchanged (HTTP bodies and headers may be binary).
inline std::string bytes(ah_str s) {
  return s.ptr == nullptr ? std::string() : std::string(s.ptr, s.len);
}
inline ah_str view(const std::string& s) {
  return ah_str{s.data(), s.size()};
}

// Who is running plugin code on this thread, so log(NULL, ...) can name the plugin.
struct PluginState;
struct CurrentPlugin {
  explicit CurrentPlugin(const PluginState* state);
  ~CurrentPlugin();
  CurrentPlugin(const CurrentPlugin&) = delete;
  CurrentPlugin& operator=(const CurrentPlugin&) = delete;
  static const PluginState* get();

private:
  const PluginState* previous_;
};

// Everything behind a Plugin. `library` is declared first so it is destroyed last: nothing from
// the library (function pointers, static strings) is used after it closes.
// A plugin's host-API table and its owner. Standard layout with the table first, so the table
// pointer a plugin passes back to log/notify converts to the HostTable (and so to the plugin).
struct HostTable {
  ah_host_api api;
  const PluginState* owner;
};
static_assert(std::is_standard_layout_v<HostTable>);

struct PluginState {
  std::unique_ptr<Library> library;
  std::string file;
  std::string sha256;
  ah_plugin_def def{};
  std::string id, version, title, description;
  LogSink log;
  NotifySink notify;

  std::string host_version;
  HostTable host_table{}; // host_table.api is what init receives
  std::unique_ptr<ah_registrar> registrar;
  ah_registrar_api registrar_api{};
  void* plugin_state = nullptr;
  bool initialized = false; // init returned AH_OK, so shutdown is owed

  std::vector<Action> actions;
  std::vector<Resource> resources;
  std::vector<ResourceTemplate> resource_templates;
  std::vector<Prompt> prompts;

  // Calls in flight; shutdown waits for them to end.
  std::mutex mutex;
  std::condition_variable idle;
  size_t in_flight = 0;
  bool closed = false;

  void log_line(ah_log_level level, const std::string& text) const;
  void notify_change(ah_notify_kind kind, const std::string& uri) const;
};

// Reaches the private callback fields of the public classes.
struct Access {
  static Plugin* make_plugin(std::unique_ptr<PluginState> state) {
    return new Plugin(std::move(state));
  }
  static PluginState& state(const Plugin& p) { return *p.state_; }
  static void set_self(Plugin& p, std::weak_ptr<Plugin> self) { p.self_ = std::move(self); }
  static std::shared_ptr<Plugin> self(const Plugin& p) { return p.self_.lock(); }

  static void bind(Action& a, const Plugin* plugin, ah_handler_fn fn, void* state) {
    a.plugin_ = plugin;
    a.invoke_ = fn;
    a.state_ = state;
  }
  static ah_handler_fn invoke(const Action& a) { return a.invoke_; }
  static void* state(const Action& a) { return a.state_; }
  static std::mutex& serial(const Action& a) { return *a.serial_; }

  static void bind(Resource& r, ah_handler_fn fn, void* state) {
    r.read_ = fn;
    r.state_ = state;
  }
  static ah_handler_fn read(const Resource& r) { return r.read_; }
  static void* state(const Resource& r) { return r.state_; }

  static void bind(ResourceTemplate& t, ah_handler_fn read, ah_complete_fn complete, void* state) {
    t.read_ = read;
    t.complete_ = complete;
    t.state_ = state;
  }
  static ah_handler_fn read(const ResourceTemplate& t) { return t.read_; }
  static ah_complete_fn complete(const ResourceTemplate& t) { return t.complete_; }
  static void* state(const ResourceTemplate& t) { return t.state_; }

  static void bind(Prompt& p, ah_handler_fn get, ah_complete_fn complete, void* state) {
    p.get_ = get;
    p.complete_ = complete;
    p.state_ = state;
  }
  static ah_handler_fn get(const Prompt& p) { return p.get_; }
  static ah_complete_fn complete(const Prompt& p) { return p.complete_; }
  static void* state(const Prompt& p) { return p.state_; }
};

// The host's ABI table and registrar table for one plugin (host_api.cpp, registrar.cpp).
ah_host_api make_host_api(const std::string& host_version);
ah_registrar_api make_registrar_api(ah_registrar* registrar);

// MCP name rules: tool names 1-128 of [A-Za-z0-9_.-]; plugin ids [a-z0-9][a-z0-9_.-]*, at most 64.
bool is_valid_tool_name(std::string_view name);
bool is_valid_plugin_id(std::string_view id);

// RFC 6570 level 1: literal text and {name} variables, braces balanced and not nested.
bool is_valid_uri_template(const std::string& uri_template);

// Checks the ABI version of a definition whose first three fields were read; throws LoadError.
void check_abi(const std::string& file, const ah_plugin_def& def, const std::string& host_version);

// MCP JSON for one content block (tool results, prompt messages) or one resource contents item.
// Returns null and sets `problem` when the block is missing a required field.
Poco::JSON::Object::Ptr content_block(const ah_content& content, std::string& problem);
Poco::JSON::Object::Ptr resource_contents(const ah_content& content, std::string& problem);

} // namespace actionhost::plugins::detail

// The host's side of the opaque handles declared in plugin.h.

// Registration state during def->init; kept (closed) until the plugin is gone, because a plugin
// may hold on to it and try again later.
struct ah_registrar {
  actionhost::plugins::detail::PluginState* plugin = nullptr;
  std::thread::id thread;
  bool open = false;
  std::vector<std::string> errors; // why registrations were refused, in order
  std::string init_error;          // from ah_registrar_api.set_error
};

// One request being served. Setters may be called from any thread while the callback runs.
struct ah_call {
  using Clock = std::chrono::steady_clock;
  enum class Kind { tool, resource, prompt, completion };

  Kind kind = Kind::tool;
  const actionhost::plugins::detail::PluginState* plugin = nullptr;
  std::string name;
  actionhost::plugins::CallServices* services = nullptr;
  std::shared_ptr<actionhost::plugins::CancelToken> cancel;
  std::optional<Clock::time_point> deadline;

  std::mutex mutex;
  Poco::JSON::Array::Ptr content = new Poco::JSON::Array;
  bool structured_set = false;
  Poco::JSON::Object::Ptr structured;
  std::string structured_problem; // why the structured content was refused
  std::optional<std::string> error;
  Poco::JSON::Array::Ptr messages = new Poco::JSON::Array;
  std::vector<std::string> completions;
  size_t completion_total = 0;

  // Host memory handed to the plugin: lives until released or until the callback returns.
  struct StoredResponse {
    actionhost::plugins::HttpResponse response;
    std::vector<ah_pair> headers;
  };
  std::map<uint64_t, std::unique_ptr<StoredResponse>> responses;
  uint64_t next_handle = 1;
  std::list<actionhost::plugins::ClientReply> replies;
  size_t questions = 0; // client requests so far, to number those without a key

  bool is_cancelled() const;
};
