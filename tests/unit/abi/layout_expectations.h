/* The frozen layout of every struct in actionhost/plugin.h on x86_64 LP64, and the permanent
 * values of its constants. Included by a strict C11 file and by a C++ file, each defining
 * AH_EXPECT(condition, message) as its language's static assertion, so any layout change fails
 * the build in both languages. Structs only ever grow at their end: when a field is appended,
 * add its line and update the struct's size; never edit an existing line. */
#ifndef ACTIONHOST_TESTS_ABI_LAYOUT_EXPECTATIONS_H
#define ACTIONHOST_TESTS_ABI_LAYOUT_EXPECTATIONS_H

#include <actionhost/plugin.h>

#define AH_EXPECT_SIZE(T, size) AH_EXPECT(sizeof(T) == (size), "sizeof(" #T ") changed")
#define AH_EXPECT_OFFSET(T, field, offset)                                                         \
  AH_EXPECT(offsetof(T, field) == (offset), #T "." #field " moved")
#define AH_EXPECT_VALUE(name, value) AH_EXPECT((name) == (value), #name " changed")

AH_EXPECT(sizeof(void*) == 8 && sizeof(size_t) == 8, "these expectations are for LP64");

AH_EXPECT_SIZE(ah_str, 16);
AH_EXPECT_OFFSET(ah_str, ptr, 0);
AH_EXPECT_OFFSET(ah_str, len, 8);

AH_EXPECT_SIZE(ah_pair, 32);
AH_EXPECT_OFFSET(ah_pair, name, 0);
AH_EXPECT_OFFSET(ah_pair, value, 16);

AH_EXPECT_SIZE(ah_content, 160);
AH_EXPECT_OFFSET(ah_content, struct_size, 0);
AH_EXPECT_OFFSET(ah_content, kind, 4);
AH_EXPECT_OFFSET(ah_content, text, 8);
AH_EXPECT_OFFSET(ah_content, data, 24);
AH_EXPECT_OFFSET(ah_content, mime_type, 40);
AH_EXPECT_OFFSET(ah_content, uri, 56);
AH_EXPECT_OFFSET(ah_content, name, 72);
AH_EXPECT_OFFSET(ah_content, title, 88);
AH_EXPECT_OFFSET(ah_content, description, 104);
AH_EXPECT_OFFSET(ah_content, annotations_json, 120);
AH_EXPECT_OFFSET(ah_content, meta_json, 136);
AH_EXPECT_OFFSET(ah_content, size, 152);

AH_EXPECT_SIZE(ah_http_request, 96);
AH_EXPECT_OFFSET(ah_http_request, struct_size, 0);
AH_EXPECT_OFFSET(ah_http_request, method, 8);
AH_EXPECT_OFFSET(ah_http_request, url, 24);
AH_EXPECT_OFFSET(ah_http_request, query, 40);
AH_EXPECT_OFFSET(ah_http_request, query_count, 48);
AH_EXPECT_OFFSET(ah_http_request, headers, 56);
AH_EXPECT_OFFSET(ah_http_request, header_count, 64);
AH_EXPECT_OFFSET(ah_http_request, body, 72);
AH_EXPECT_OFFSET(ah_http_request, timeout_ms, 88);
AH_EXPECT_OFFSET(ah_http_request, flags, 92);

AH_EXPECT_SIZE(ah_http_response, 72);
AH_EXPECT_OFFSET(ah_http_response, struct_size, 0);
AH_EXPECT_OFFSET(ah_http_response, status, 4);
AH_EXPECT_OFFSET(ah_http_response, headers, 8);
AH_EXPECT_OFFSET(ah_http_response, header_count, 16);
AH_EXPECT_OFFSET(ah_http_response, body, 24);
AH_EXPECT_OFFSET(ah_http_response, error, 40);
AH_EXPECT_OFFSET(ah_http_response, attempts, 56);
AH_EXPECT_OFFSET(ah_http_response, handle, 64);

AH_EXPECT_SIZE(ah_invocation, 192);
AH_EXPECT_OFFSET(ah_invocation, struct_size, 0);
AH_EXPECT_OFFSET(ah_invocation, name, 8);
AH_EXPECT_OFFSET(ah_invocation, arguments_json, 24);
AH_EXPECT_OFFSET(ah_invocation, uri, 40);
AH_EXPECT_OFFSET(ah_invocation, integration_key, 56);
AH_EXPECT_OFFSET(ah_invocation, connection_id, 72);
AH_EXPECT_OFFSET(ah_invocation, end_user_id, 88);
AH_EXPECT_OFFSET(ah_invocation, connection_metadata_json, 104);
AH_EXPECT_OFFSET(ah_invocation, settings_json, 120);
AH_EXPECT_OFFSET(ah_invocation, request_meta_json, 136);
AH_EXPECT_OFFSET(ah_invocation, execution_id, 152);
AH_EXPECT_OFFSET(ah_invocation, deadline_ms, 168);
AH_EXPECT_OFFSET(ah_invocation, client_capabilities_json, 176);

AH_EXPECT_SIZE(ah_client_request, 56);
AH_EXPECT_OFFSET(ah_client_request, struct_size, 0);
AH_EXPECT_OFFSET(ah_client_request, method, 8);
AH_EXPECT_OFFSET(ah_client_request, params_json, 24);
AH_EXPECT_OFFSET(ah_client_request, key, 40);

AH_EXPECT_SIZE(ah_client_reply, 40);
AH_EXPECT_OFFSET(ah_client_reply, struct_size, 0);
AH_EXPECT_OFFSET(ah_client_reply, result_json, 8);
AH_EXPECT_OFFSET(ah_client_reply, error, 24);

AH_EXPECT_SIZE(ah_host_api, 120);
AH_EXPECT_OFFSET(ah_host_api, struct_size, 0);
AH_EXPECT_OFFSET(ah_host_api, abi_major, 4);
AH_EXPECT_OFFSET(ah_host_api, abi_minor, 6);
AH_EXPECT_OFFSET(ah_host_api, host_version, 8);
AH_EXPECT_OFFSET(ah_host_api, log, 24);
AH_EXPECT_OFFSET(ah_host_api, is_cancelled, 32);
AH_EXPECT_OFFSET(ah_host_api, progress, 40);
AH_EXPECT_OFFSET(ah_host_api, http_request, 48);
AH_EXPECT_OFFSET(ah_host_api, http_release, 56);
AH_EXPECT_OFFSET(ah_host_api, client_request, 64);
AH_EXPECT_OFFSET(ah_host_api, add_content, 72);
AH_EXPECT_OFFSET(ah_host_api, set_structured_content, 80);
AH_EXPECT_OFFSET(ah_host_api, set_error, 88);
AH_EXPECT_OFFSET(ah_host_api, add_prompt_message, 96);
AH_EXPECT_OFFSET(ah_host_api, add_completion, 104);
AH_EXPECT_OFFSET(ah_host_api, notify, 112);

AH_EXPECT_SIZE(ah_action_desc, 160);
AH_EXPECT_OFFSET(ah_action_desc, struct_size, 0);
AH_EXPECT_OFFSET(ah_action_desc, name, 8);
AH_EXPECT_OFFSET(ah_action_desc, title, 24);
AH_EXPECT_OFFSET(ah_action_desc, description, 40);
AH_EXPECT_OFFSET(ah_action_desc, input_schema_json, 56);
AH_EXPECT_OFFSET(ah_action_desc, output_schema_json, 72);
AH_EXPECT_OFFSET(ah_action_desc, read_only_hint, 88);
AH_EXPECT_OFFSET(ah_action_desc, destructive_hint, 89);
AH_EXPECT_OFFSET(ah_action_desc, idempotent_hint, 90);
AH_EXPECT_OFFSET(ah_action_desc, open_world_hint, 91);
AH_EXPECT_OFFSET(ah_action_desc, scopes, 96);
AH_EXPECT_OFFSET(ah_action_desc, scope_count, 104);
AH_EXPECT_OFFSET(ah_action_desc, flags, 112);
AH_EXPECT_OFFSET(ah_action_desc, timeout_ms, 116);
AH_EXPECT_OFFSET(ah_action_desc, invoke, 120);
AH_EXPECT_OFFSET(ah_action_desc, state, 128);
AH_EXPECT_OFFSET(ah_action_desc, meta_json, 136);
AH_EXPECT_OFFSET(ah_action_desc, task_support, 152);

AH_EXPECT_SIZE(ah_resource_desc, 128);
AH_EXPECT_OFFSET(ah_resource_desc, struct_size, 0);
AH_EXPECT_OFFSET(ah_resource_desc, uri, 8);
AH_EXPECT_OFFSET(ah_resource_desc, name, 24);
AH_EXPECT_OFFSET(ah_resource_desc, title, 40);
AH_EXPECT_OFFSET(ah_resource_desc, description, 56);
AH_EXPECT_OFFSET(ah_resource_desc, mime_type, 72);
AH_EXPECT_OFFSET(ah_resource_desc, size, 88);
AH_EXPECT_OFFSET(ah_resource_desc, read, 96);
AH_EXPECT_OFFSET(ah_resource_desc, state, 104);
AH_EXPECT_OFFSET(ah_resource_desc, annotations_json, 112);

AH_EXPECT_SIZE(ah_resource_template_desc, 128);
AH_EXPECT_OFFSET(ah_resource_template_desc, struct_size, 0);
AH_EXPECT_OFFSET(ah_resource_template_desc, uri_template, 8);
AH_EXPECT_OFFSET(ah_resource_template_desc, name, 24);
AH_EXPECT_OFFSET(ah_resource_template_desc, title, 40);
AH_EXPECT_OFFSET(ah_resource_template_desc, description, 56);
AH_EXPECT_OFFSET(ah_resource_template_desc, mime_type, 72);
AH_EXPECT_OFFSET(ah_resource_template_desc, read, 88);
AH_EXPECT_OFFSET(ah_resource_template_desc, complete, 96);
AH_EXPECT_OFFSET(ah_resource_template_desc, state, 104);
AH_EXPECT_OFFSET(ah_resource_template_desc, annotations_json, 112);

AH_EXPECT_SIZE(ah_prompt_desc, 96);
AH_EXPECT_OFFSET(ah_prompt_desc, struct_size, 0);
AH_EXPECT_OFFSET(ah_prompt_desc, name, 8);
AH_EXPECT_OFFSET(ah_prompt_desc, title, 24);
AH_EXPECT_OFFSET(ah_prompt_desc, description, 40);
AH_EXPECT_OFFSET(ah_prompt_desc, arguments_json, 56);
AH_EXPECT_OFFSET(ah_prompt_desc, get, 72);
AH_EXPECT_OFFSET(ah_prompt_desc, complete, 80);
AH_EXPECT_OFFSET(ah_prompt_desc, state, 88);

AH_EXPECT_SIZE(ah_registrar_api, 56);
AH_EXPECT_OFFSET(ah_registrar_api, struct_size, 0);
AH_EXPECT_OFFSET(ah_registrar_api, registrar, 8);
AH_EXPECT_OFFSET(ah_registrar_api, register_action, 16);
AH_EXPECT_OFFSET(ah_registrar_api, register_resource, 24);
AH_EXPECT_OFFSET(ah_registrar_api, register_resource_template, 32);
AH_EXPECT_OFFSET(ah_registrar_api, register_prompt, 40);
AH_EXPECT_OFFSET(ah_registrar_api, set_error, 48);

AH_EXPECT_SIZE(ah_plugin_def, 88);
AH_EXPECT_OFFSET(ah_plugin_def, struct_size, 0);
AH_EXPECT_OFFSET(ah_plugin_def, abi_major, 4);
AH_EXPECT_OFFSET(ah_plugin_def, abi_minor, 6);
AH_EXPECT_OFFSET(ah_plugin_def, id, 8);
AH_EXPECT_OFFSET(ah_plugin_def, version, 24);
AH_EXPECT_OFFSET(ah_plugin_def, title, 40);
AH_EXPECT_OFFSET(ah_plugin_def, description, 56);
AH_EXPECT_OFFSET(ah_plugin_def, init, 72);
AH_EXPECT_OFFSET(ah_plugin_def, shutdown, 80);

/* Constants are permanent: new ones are only ever added. */
AH_EXPECT_VALUE(AH_ABI_VERSION_MAJOR, 1);
AH_EXPECT_VALUE(AH_OK, 0);
AH_EXPECT_VALUE(AH_ERR_INVALID_ARGUMENT, 1);
AH_EXPECT_VALUE(AH_ERR_NOT_FOUND, 2);
AH_EXPECT_VALUE(AH_ERR_CANCELLED, 3);
AH_EXPECT_VALUE(AH_ERR_TIMEOUT, 4);
AH_EXPECT_VALUE(AH_ERR_UNAVAILABLE, 5);
AH_EXPECT_VALUE(AH_ERR_PERMISSION, 6);
AH_EXPECT_VALUE(AH_ERR_UPSTREAM, 7);
AH_EXPECT_VALUE(AH_ERR_INTERNAL, 8);
AH_EXPECT_VALUE(AH_ERR_UNSUPPORTED, 9);
AH_EXPECT_VALUE(AH_ERR_WRONG_PHASE, 10);
AH_EXPECT_VALUE(AH_ERR_INPUT_REQUIRED, 11);
AH_EXPECT_VALUE(AH_ERR_TOOL, 12);
AH_EXPECT_VALUE(AH_ERR_DUPLICATE, 13);
AH_EXPECT_VALUE(AH_UNSET, 0);
AH_EXPECT_VALUE(AH_FALSE, 1);
AH_EXPECT_VALUE(AH_TRUE, 2);
AH_EXPECT_VALUE(AH_LOG_DEBUG, 0);
AH_EXPECT_VALUE(AH_LOG_INFO, 1);
AH_EXPECT_VALUE(AH_LOG_NOTICE, 2);
AH_EXPECT_VALUE(AH_LOG_WARNING, 3);
AH_EXPECT_VALUE(AH_LOG_ERROR, 4);
AH_EXPECT_VALUE(AH_LOG_CRITICAL, 5);
AH_EXPECT_VALUE(AH_LOG_ALERT, 6);
AH_EXPECT_VALUE(AH_LOG_EMERGENCY, 7);
AH_EXPECT_VALUE(AH_CONTENT_TEXT, 1);
AH_EXPECT_VALUE(AH_CONTENT_IMAGE, 2);
AH_EXPECT_VALUE(AH_CONTENT_AUDIO, 3);
AH_EXPECT_VALUE(AH_CONTENT_RESOURCE, 4);
AH_EXPECT_VALUE(AH_CONTENT_RESOURCE_LINK, 5);
AH_EXPECT_VALUE(AH_NOTIFY_RESOURCE_UPDATED, 1);
AH_EXPECT_VALUE(AH_NOTIFY_TOOLS_CHANGED, 2);
AH_EXPECT_VALUE(AH_NOTIFY_RESOURCES_CHANGED, 3);
AH_EXPECT_VALUE(AH_NOTIFY_PROMPTS_CHANGED, 4);
AH_EXPECT_VALUE(AH_HTTP_NO_RETRY, 0x1u);
AH_EXPECT_VALUE(AH_ACTION_SERIALIZED, 0x1u);
AH_EXPECT(sizeof(ah_status) == 4 && sizeof(ah_tristate) == 1 && sizeof(ah_log_level) == 4,
          "scalar types changed");
AH_EXPECT(sizeof(ah_content_kind) == 4 && sizeof(ah_notify_kind) == 4, "kind types changed");

#endif
