/*
 * ActionHost plugin ABI, version 1.0.
 *
 * This header is the whole contract between the ActionHost server ("the host") and a provider
 * plugin (a shared library). It is plain C11 so that any toolchain can build a plugin, and it is
 * permanent: within major version 1 it only ever grows, and only at the end of each struct.
 *
 * Shape of the contract
 *   - The plugin exports exactly one symbol, `actionhost_plugin` (AH_PLUGIN_ENTRY_SYMBOL), which
 *     returns a static ah_plugin_def. The host reads its ABI version before running anything else
 *     in the plugin, and refuses another major version or a newer minor version.
 *   - The host then calls def->init on its main thread, handing over an immutable ah_host_api
 *     table (the functions the plugin may call) and an ah_registrar (valid only during init)
 *     through which the plugin registers its actions, resources, resource templates and prompts.
 *   - For each MCP request the host calls the registered callback with an opaque ah_call handle.
 *     The plugin produces its result only through host setters that copy what they are given.
 *
 * Rules every declaration below follows
 *   - Strings are ah_str: UTF-8, with an explicit length, not necessarily NUL-terminated.
 *     Strings passed *into* the plugin are borrowed and valid for the duration of the callback
 *     that received them. Strings passed *to* the host are copied before the host function returns.
 *   - Every struct that crosses the boundary starts with `struct_size`, set by whoever fills it
 *     (use AH_INIT(x) or sizeof). Structs grow only at their end. A reader copies
 *     min(struct_size, sizeof(its own struct)) into a zeroed struct, so a zero value must always
 *     mean "not set / default" for every field added later.
 *   - Nothing allocated on one side is freed on the other. Host-owned memory handed to the plugin
 *     says in its comment how long it lives.
 *   - Errors cross as an int32 ah_status plus a message copied by the host. No C++ exception may
 *     cross this boundary in either direction.
 *   - No secret (token, API key, password, client secret) is ever reachable through this header.
 */
#ifndef ACTIONHOST_PLUGIN_H
#define ACTIONHOST_PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h> /* memset, for AH_INIT */

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Versioning and export
 * ------------------------------------------------------------------------------------------- */

/* A plugin built against major M loads only on a host of major M. A plugin built against minor N
 * loads on a host of the same major with minor >= N. */
#define AH_ABI_VERSION_MAJOR 1
#define AH_ABI_VERSION_MINOR 0

/* The one exported symbol. Its name never changes across major versions. */
#define AH_PLUGIN_ENTRY_SYMBOL "actionhost_plugin"

#if defined(_WIN32)
#define AH_EXPORT __declspec(dllexport)
#else
#define AH_EXPORT __attribute__((visibility("default")))
#endif

/* Zeroes a struct and sets its struct_size: `ah_action_desc d; AH_INIT(d);`. Always start from
 * a zeroed struct: fields added by a later minor version may land in what is padding today, and
 * a reader must find zero ("not set") there. */
#define AH_INIT(s)                                                                                 \
  do {                                                                                             \
    memset(&(s), 0, sizeof(s));                                                                    \
    (s).struct_size = (uint32_t)sizeof(s);                                                         \
  } while (0)

/* ---------------------------------------------------------------------------------------------
 * Basic types
 * ------------------------------------------------------------------------------------------- */

/* A UTF-8 string view. ptr may be NULL only when len is 0. Ownership is stated at each use. */
typedef struct ah_str {
  const char *ptr;
  size_t len;
} ah_str;

/* An ah_str for a string literal (AH_LIT: in initialisers only, e.g. `ah_str s = AH_LIT("x");`),
 * and for a NUL-terminated string (AH_CSTR: any expression; NULL gives the empty view). */
#define AH_LIT(s) {(s), sizeof(s) - 1}
#define AH_CSTR(s) ah_cstr(s)
static inline ah_str ah_cstr(const char *s) {
  ah_str r;
  size_t n = 0;
  if (s)
    while (s[n])
      ++n;
  r.ptr = s;
  r.len = n;
  return r;
}

/* A name/value pair: an HTTP header or a query parameter. */
typedef struct ah_pair {
  ah_str name;
  ah_str value;
} ah_pair;

/* Status codes. 0 is success; every other value is an error whose message travels separately.
 * Values are permanent; new codes are only ever added. */
typedef int32_t ah_status;
#define AH_OK 0
#define AH_ERR_INVALID_ARGUMENT 1 /* a caller-supplied value is malformed */
#define AH_ERR_NOT_FOUND 2        /* the named thing (resource, prompt, ...) does not exist */
#define AH_ERR_CANCELLED 3        /* the MCP request was cancelled or its client went away */
#define AH_ERR_TIMEOUT 4          /* a deadline passed */
#define AH_ERR_UNAVAILABLE 5      /* a dependency (network, provider) could not be reached */
#define AH_ERR_PERMISSION 6       /* refused by policy (host allow-list, scopes, ...) */
#define AH_ERR_UPSTREAM 7         /* the provider answered with something unusable */
#define AH_ERR_INTERNAL 8         /* a bug: the plugin or host broke its own rules */
#define AH_ERR_UNSUPPORTED 9      /* the client or host does not offer this feature */
#define AH_ERR_WRONG_PHASE 10     /* called at the wrong time (e.g. registering after init) */
#define AH_ERR_INPUT_REQUIRED 11  /* see ah_host_api.client_request: return it unchanged */
#define AH_ERR_TOOL 12            /* the action failed in a way the caller can act on */
#define AH_ERR_DUPLICATE 13       /* a name is already registered */

/* Tri-state flag: zero means "not set", so older, smaller structs read as "not set". */
typedef int8_t ah_tristate;
#define AH_UNSET 0
#define AH_FALSE 1
#define AH_TRUE 2

/* Log levels, the MCP/syslog ones, from least to most severe. */
typedef int32_t ah_log_level;
#define AH_LOG_DEBUG 0
#define AH_LOG_INFO 1
#define AH_LOG_NOTICE 2
#define AH_LOG_WARNING 3
#define AH_LOG_ERROR 4
#define AH_LOG_CRITICAL 5
#define AH_LOG_ALERT 6
#define AH_LOG_EMERGENCY 7

/* What changed, for ah_host_api.notify. */
typedef int32_t ah_notify_kind;
#define AH_NOTIFY_RESOURCE_UPDATED 1
#define AH_NOTIFY_TOOLS_CHANGED 2
#define AH_NOTIFY_RESOURCES_CHANGED 3
#define AH_NOTIFY_PROMPTS_CHANGED 4

/* Opaque handles owned by the host. */
typedef struct ah_call ah_call;           /* one MCP request being served by the plugin */
typedef struct ah_registrar ah_registrar; /* registration handle, valid during init only */

/* ---------------------------------------------------------------------------------------------
 * Content blocks (tool results, prompt messages, resource contents)
 * ------------------------------------------------------------------------------------------- */

typedef int32_t ah_content_kind;
#define AH_CONTENT_TEXT 1          /* text */
#define AH_CONTENT_IMAGE 2         /* data (raw bytes) + mime_type */
#define AH_CONTENT_AUDIO 3         /* data (raw bytes) + mime_type */
#define AH_CONTENT_RESOURCE 4      /* embedded resource: uri + mime_type + (text or data) */
#define AH_CONTENT_RESOURCE_LINK 5 /* uri + name, optional title/description/mime_type/size */

/* One MCP content block. Filled by the plugin; every view is copied by the host during the
 * setter call that receives it. Binary data is raw bytes: the host base64-encodes it. */
typedef struct ah_content {
  uint32_t struct_size;
  ah_content_kind kind;
  ah_str text;      /* TEXT; RESOURCE with text contents */
  ah_str data;      /* IMAGE, AUDIO; RESOURCE with binary contents (raw bytes, not base64) */
  ah_str mime_type; /* IMAGE, AUDIO (required); RESOURCE, RESOURCE_LINK (optional) */
  ah_str uri;       /* RESOURCE, RESOURCE_LINK (required) */
  ah_str name;      /* RESOURCE_LINK (required) */
  ah_str title;     /* RESOURCE_LINK (optional) */
  ah_str description;      /* RESOURCE_LINK (optional) */
  ah_str annotations_json; /* optional MCP Annotations object as JSON text */
  ah_str meta_json;        /* optional _meta object as JSON text */
  int64_t size;            /* RESOURCE_LINK: size in bytes, or 0 when unknown */
} ah_content;

/* ---------------------------------------------------------------------------------------------
 * Outbound HTTP through the host's authenticated proxy
 * ------------------------------------------------------------------------------------------- */

/* Flags for ah_http_request.flags. */
#define AH_HTTP_NO_RETRY 0x1u /* make one attempt only, whatever the integration's retry rules */

/* A request to the provider. The host resolves `url` against the integration's base URL (a path
 * such as "/chat.postMessage"), or accepts an absolute URL only to a host the integration allows.
 * The host adds the connection's credentials; headers set here cannot replace them. All views are
 * borrowed for the duration of the http_request call. */
typedef struct ah_http_request {
  uint32_t struct_size;
  ah_str method;               /* "GET", "POST", ...; empty means GET */
  ah_str url;                  /* path relative to the base URL, or an absolute URL */
  const ah_pair *query;        /* query parameters, URL-encoded by the host; may be NULL */
  size_t query_count;
  const ah_pair *headers; /* extra request headers; may be NULL */
  size_t header_count;
  ah_str body;         /* request body bytes; empty for none */
  uint32_t timeout_ms; /* whole-call deadline including retries; 0 = the action's deadline */
  uint32_t flags;      /* AH_HTTP_* flags */
} ah_http_request;

/* A provider response, written by the host into a struct the plugin provides (the plugin sets
 * struct_size; the host writes only the fields that fit). Every view points at host-owned memory
 * that stays valid until the plugin calls http_release on it or the current callback returns,
 * whichever comes first. */
typedef struct ah_http_response {
  uint32_t struct_size;
  int32_t status;         /* HTTP status of the final attempt; 0 when no response arrived */
  const ah_pair *headers; /* response headers (names as received) */
  size_t header_count;
  ah_str body;       /* decoded (gunzipped) body */
  ah_str error;      /* when http_request fails: why, safe to show to a user */
  uint32_t attempts; /* how many attempts the proxy made */
  uint64_t handle;   /* host bookkeeping for http_release; do not interpret */
} ah_http_response;

/* ---------------------------------------------------------------------------------------------
 * What the plugin is told about one request
 * ------------------------------------------------------------------------------------------- */

/* Describes the request being served. Host-owned; every view is valid until the callback that
 * received it returns. Contains only non-secret data. */
typedef struct ah_invocation {
  uint32_t struct_size;
  ah_str name;            /* the action, prompt or resource template being served */
  ah_str arguments_json;  /* tools: the arguments object (already schema-validated);
                             prompts: the arguments object; resources: "{}" */
  ah_str uri;             /* resources: the URI being read; otherwise empty */
  ah_str integration_key; /* the provider-config-key serving the request */
  ah_str connection_id;   /* empty when the integration needs no connection */
  ah_str end_user_id;     /* may be empty */
  ah_str connection_metadata_json; /* non-secret connection metadata object, "{}" if none */
  ah_str settings_json; /* the integration's `settings:` from integrations.yaml, "{}" if none */
  ah_str request_meta_json; /* the MCP request's _meta object, "{}" if none */
  ah_str execution_id;      /* unique id of this execution, as recorded in the execution log */
  uint32_t deadline_ms;     /* time the host allows for the whole call; 0 = no deadline */
  ah_str client_capabilities_json; /* the MCP client's capabilities object, "{}" if unknown */
} ah_invocation;

/* A question for the MCP client (see ah_host_api.client_request). Views are borrowed for the
 * duration of the call. */
typedef struct ah_client_request {
  uint32_t struct_size;
  ah_str method;      /* "elicitation/create", "sampling/createMessage" or "roots/list" */
  ah_str params_json; /* the request's params object as the MCP specification defines it */
  ah_str key; /* names this question across round trips (the stateless era's inputRequests key,
                 e.g. "user_name"); unique within one invocation; empty: the host numbers it */
} ah_client_request;

/* The answer to a client_request, written by the host into a struct the plugin provides.
 * result_json is host-owned and valid until the current callback returns. */
typedef struct ah_client_reply {
  uint32_t struct_size;
  ah_str result_json; /* the JSON-RPC result object the client sent */
  ah_str error;       /* when client_request fails: why */
} ah_client_reply;

/* ---------------------------------------------------------------------------------------------
 * The host API: functions the plugin may call
 * ------------------------------------------------------------------------------------------- */

/* Handed to def->init and valid until def->shutdown returns. Immutable: the plugin may keep the
 * pointer. Functions taking an ah_call* must be passed the handle of a callback that is still
 * running; any thread may call them (they are thread-safe), but the handle must not outlive the
 * callback. Check struct_size before using a function added after 1.0. */
typedef struct ah_host_api {
  uint32_t struct_size;
  uint16_t abi_major; /* the host's ABI version */
  uint16_t abi_minor;
  ah_str host_version; /* e.g. "0.1.0"; valid while the table is */

  /* ---- ABI 1.0 ---- */

  /* Logs a message. `host` is the table the plugin was given (it tells the host which plugin is
   * speaking, also from the plugin's own threads). With a call, the message is also sent to that
   * request's client as an MCP notifications/message when the client's log level allows. call
   * may be NULL (in init, shutdown or a background thread). Never fails; messages are copied. */
  void (*log)(const struct ah_host_api *host, ah_call *call, ah_log_level level, ah_str message);

  /* Non-zero once the request was cancelled, its client went away or its deadline passed.
   * Long-running actions should poll it and return AH_ERR_CANCELLED. */
  int32_t (*is_cancelled)(ah_call *call);

  /* Reports progress to the client (notifications/progress) when it asked for it; otherwise a
   * no-op. total < 0 means unknown. message may be empty. Returns AH_ERR_CANCELLED once the call
   * is cancelled, AH_OK otherwise. */
  ah_status (*progress)(ah_call *call, double progress, double total, ah_str message);

  /* Sends one request through the integration's authenticated proxy (credential injection,
   * retries, rate-limit waits, logging) and blocks until it completes. Returns AH_OK when a
   * response arrived, whatever its HTTP status; otherwise an error (AH_ERR_PERMISSION: URL not
   * allowed, AH_ERR_UNAVAILABLE: network, AH_ERR_TIMEOUT, AH_ERR_CANCELLED, AH_ERR_UPSTREAM: a
   * response over the size cap or undecodable) with out->error saying why. */
  ah_status (*http_request)(ah_call *call, const ah_http_request *request,
                            ah_http_response *out);

  /* Frees a response's memory early (useful in pagination loops). Safe to call twice. */
  void (*http_release)(ah_call *call, ah_http_response *response);

  /* Asks the MCP client and blocks for its answer: "elicitation/create" (ask the user for
   * input), "sampling/createMessage" (ask the client's model) or "roots/list". Returns AH_OK with
   * out->result_json, or AH_ERR_UNSUPPORTED when the client did not declare the capability (the
   * action may then fall back, or return AH_ERR_UNSUPPORTED: the host reports the missing
   * capability to the client), or AH_ERR_CANCELLED / AH_ERR_TIMEOUT with out->error.
   * In the stateless protocol era the host may instead return AH_ERR_INPUT_REQUIRED: the question
   * is recorded, and the action may ask further independent questions (each also answered with
   * AH_ERR_INPUT_REQUIRED) before it must return AH_ERR_INPUT_REQUIRED itself. The host sends all
   * recorded questions to the client together and, once it answers, invokes the action again
   * with the same arguments; this time the same questions (matched by key, else by order) return
   * their answers. Actions that ask the client must therefore be safe to re-run up to the point
   * where they ask. */
  ah_status (*client_request)(ah_call *call, const ah_client_request *request,
                              ah_client_reply *out);

  /* Appends a content block to the result: any kind for a tool result; only AH_CONTENT_RESOURCE
   * for a resource read. Returns AH_ERR_INVALID_ARGUMENT when a required field is missing or the
   * kind does not fit the request. */
  ah_status (*add_content)(ah_call *call, const ah_content *content);

  /* Sets the tool's structured result, a JSON object as text. The host validates it against the
   * action's output schema; when no content block was added the host also adds the JSON as a
   * text block. Returns AH_ERR_INVALID_ARGUMENT when it is not a JSON object. */
  ah_status (*set_structured_content)(ah_call *call, ah_str json);

  /* Marks the result as a tool error with a message the model can act on. The callback should
   * then return a non-zero status (AH_ERR_TOOL if nothing more specific applies). The message
   * becomes the result's first text block, followed by any content blocks already added;
   * structured content is dropped from an error result. */
  ah_status (*set_error)(ah_call *call, ah_str message);

  /* Appends a message to a prompt's result. role is "user" or "assistant". */
  ah_status (*add_prompt_message)(ah_call *call, ah_str role, const ah_content *content);

  /* Adds one completion value to a completion/complete answer (at most 100 are sent). */
  ah_status (*add_completion)(ah_call *call, ah_str value);

  /* Tells the host something the plugin serves has changed, so subscribed clients hear of it:
   * AH_NOTIFY_RESOURCE_UPDATED (uri names the resource: notifications/resources/updated) or a
   * list change (uri empty: notifications/{tools,resources,prompts}/list_changed). `host` is the
   * table the plugin was given; call may be NULL; any thread, including the plugin's own, may
   * call it at any time between init and shutdown. Never fails. */
  void (*notify)(const struct ah_host_api *host, ah_call *call, ah_notify_kind kind, ah_str uri);
} ah_host_api;

/* ---------------------------------------------------------------------------------------------
 * Callbacks the plugin implements
 * ------------------------------------------------------------------------------------------- */

/* Serves one request (tools/call, resources/read or prompts/get). Called on a worker thread,
 * possibly concurrently with other calls of the same callback unless AH_ACTION_SERIALIZED is set.
 * `state` is the pointer given at registration. Returns AH_OK, or an error status after calling
 * host->set_error with a message (without one, the host reports the status name). Must not throw
 * or longjmp across the boundary; must not keep `call` or `inv` after returning. */
typedef ah_status (*ah_handler_fn)(void *state, ah_call *call, const ah_invocation *inv);

/* Serves completion/complete for one argument of a prompt or resource template: the values for
 * `argument` that start with (or otherwise match) `value`, added through host->add_completion.
 * inv->arguments_json holds the other arguments already given. Same threading as ah_handler_fn. */
typedef ah_status (*ah_complete_fn)(void *state, ah_call *call, const ah_invocation *inv,
                                    ah_str argument, ah_str value);

/* Flags for ah_action_desc.flags. */
#define AH_ACTION_SERIALIZED 0x1u /* never run two invocations of this action at once */

/* Whether a client may run an action as a task (MCP tasks: the call returns at once with a task
 * id, and the client polls for the result). Zero keeps the MCP default, forbidden. */
typedef int32_t ah_task_support;
#define AH_TASK_FORBIDDEN 0
#define AH_TASK_OPTIONAL 1 /* the client chooses, when it supports tasks */
#define AH_TASK_REQUIRED 2 /* only as a task; refused when the client cannot poll */

/* An action, published as an MCP tool. All views are copied by register_action. */
typedef struct ah_action_desc {
  uint32_t struct_size;
  ah_str name;        /* MCP tool name: 1-128 of [A-Za-z0-9_.-], unique within the plugin */
  ah_str title;       /* human-readable name; optional */
  ah_str description; /* what it does, for the model; optional but strongly advised */
  ah_str input_schema_json;  /* JSON Schema (2020-12) of the arguments; must be type "object" */
  ah_str output_schema_json; /* JSON Schema of structured results; optional, type "object" */
  ah_tristate read_only_hint;   /* MCP ToolAnnotations; AH_UNSET leaves them out */
  ah_tristate destructive_hint;
  ah_tristate idempotent_hint;
  ah_tristate open_world_hint;
  const ah_str *scopes; /* provider scopes the action needs; may be NULL */
  size_t scope_count;
  uint32_t flags;      /* AH_ACTION_* flags */
  uint32_t timeout_ms; /* the action's deadline; 0 = the host's default */
  ah_handler_fn invoke;
  void *state;         /* passed back to invoke; owned by the plugin */
  ah_str meta_json;    /* optional _meta object for the tool, as JSON text */
  /* A long action run as a task works exactly like a call: the same invoke, progress,
   * cancellation and client questions; a tool error completes the task with isError, while
   * AH_ERR_INTERNAL (the action broke) fails it. */
  ah_task_support task_support;
} ah_action_desc;

/* A fixed resource (resources/list, resources/read). All views are copied at registration. */
typedef struct ah_resource_desc {
  uint32_t struct_size;
  ah_str uri; /* unique within the plugin */
  ah_str name;
  ah_str title;
  ah_str description;
  ah_str mime_type;
  int64_t size;       /* bytes, or 0 when unknown */
  ah_handler_fn read; /* adds AH_CONTENT_RESOURCE blocks for inv->uri */
  void *state;
  ah_str annotations_json; /* optional */
} ah_resource_desc;

/* A resource template (RFC 6570 level 1 URI template, e.g. "slack://channels/{id}"). A variable
 * matches one or more characters other than / ? #, and reaches the plugin percent-decoded. */
typedef struct ah_resource_template_desc {
  uint32_t struct_size;
  ah_str uri_template;
  ah_str name;
  ah_str title;
  ah_str description;
  ah_str mime_type;
  ah_handler_fn read; /* inv->uri is the concrete URI; inv->arguments_json its variables, an
                         object of strings */
  ah_complete_fn complete;   /* optional completions for template variables */
  void *state;
  ah_str annotations_json;
} ah_resource_template_desc;

/* A prompt (prompts/list, prompts/get). */
typedef struct ah_prompt_desc {
  uint32_t struct_size;
  ah_str name; /* same rules as action names; unique within the plugin */
  ah_str title;
  ah_str description;
  ah_str arguments_json;   /* JSON array of {name, description?, required?}; empty for none */
  ah_handler_fn get;       /* adds messages through host->add_prompt_message */
  ah_complete_fn complete; /* optional completions for arguments */
  void *state;
} ah_prompt_desc;

/* Registration functions, valid only while def->init runs and only on that thread; afterwards
 * each returns AH_ERR_WRONG_PHASE. Every one copies its descriptor and returns
 * AH_ERR_INVALID_ARGUMENT (bad name, bad schema, missing callback) or AH_ERR_DUPLICATE (the name
 * or URI is taken), with the reason recorded for the host's refusal message. Registration errors
 * make the whole plugin refused once init returns. */
typedef struct ah_registrar_api {
  uint32_t struct_size;
  ah_registrar *registrar; /* pass back as the first argument */

  /* ---- ABI 1.0 ---- */
  ah_status (*register_action)(ah_registrar *r, const ah_action_desc *action);
  ah_status (*register_resource)(ah_registrar *r, const ah_resource_desc *resource);
  ah_status (*register_resource_template)(ah_registrar *r,
                                          const ah_resource_template_desc *resource_template);
  ah_status (*register_prompt)(ah_registrar *r, const ah_prompt_desc *prompt);
  /* Explains why init is about to fail; the host puts it in the refusal message. */
  void (*set_error)(ah_registrar *r, ah_str message);
} ah_registrar_api;

/* ---------------------------------------------------------------------------------------------
 * The plugin definition and the entry point
 * ------------------------------------------------------------------------------------------- */

/* Static description of a plugin. Owned by the plugin; must stay valid and unchanged until the
 * library is unloaded. The first three fields keep this layout in every major version. */
typedef struct ah_plugin_def {
  uint32_t struct_size;
  uint16_t abi_major; /* AH_ABI_VERSION_MAJOR the plugin was built against */
  uint16_t abi_minor; /* AH_ABI_VERSION_MINOR the plugin was built against */

  /* ---- ABI 1.0 ---- */
  ah_str id;          /* stable identifier, e.g. "slack": 1-64 of [a-z0-9_.-], first a-z0-9 */
  ah_str version;     /* the plugin's own version, e.g. "1.2.0" */
  ah_str title;       /* e.g. "Slack" */
  ah_str description; /* one sentence */

  /* Called once on the host's main thread before any request. Registers everything through reg,
   * may keep `host`, and may set *plugin_state (passed to shutdown). Returns AH_OK, or an error
   * after reg->set_error explains it; on error the host calls nothing else in the plugin. */
  ah_status (*init)(const ah_host_api *host, const ah_registrar_api *reg, void **plugin_state);

  /* Called once on the main thread after the last callback has returned, before unloading.
   * Optional (may be NULL). Must release everything the plugin allocated. */
  void (*shutdown)(void *plugin_state);
} ah_plugin_def;

/* The entry point every plugin exports, under the name AH_PLUGIN_ENTRY_SYMBOL. It must do nothing
 * but return a pointer to a static ah_plugin_def: the host calls it before checking versions. */
typedef const ah_plugin_def *(*ah_plugin_entry_fn)(void);

/* Declared here so a plugin's definition gets C linkage and default visibility. */
AH_EXPORT const ah_plugin_def *actionhost_plugin(void);

#ifdef __cplusplus
}
#endif

#endif /* ACTIONHOST_PLUGIN_H */
