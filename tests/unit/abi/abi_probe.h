/* Sizes and macro results as the C11 and C++ translation units see them, so the test can check
 * that both languages agree at run time as well as at compile time. */
#ifndef ACTIONHOST_TESTS_ABI_PROBE_H
#define ACTIONHOST_TESTS_ABI_PROBE_H

#include <actionhost/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ABI_PROBE_COUNT 14

/* sizeof of ah_str, ah_pair, ah_content, ah_http_request, ah_http_response, ah_invocation,
 * ah_client_request, ah_client_reply, ah_host_api, ah_action_desc, ah_resource_desc,
 * ah_resource_template_desc, ah_prompt_desc, ah_registrar_api, in that order. */
void abi_probe_c11_sizes(size_t out[ABI_PROBE_COUNT]);
void abi_probe_cxx_sizes(size_t out[ABI_PROBE_COUNT]);

/* A definition written in C11 with the header's macros (AH_LIT, designated initialisers). */
const ah_plugin_def* abi_probe_c11_def(void);

/* An ah_action_desc filled in C11 with AH_INIT and AH_CSTR. */
ah_action_desc abi_probe_c11_action(void);

#ifdef __cplusplus
}
#endif

#endif
