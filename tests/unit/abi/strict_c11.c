/* plugin.h as strict C11: this file is built with -std=c11 -pedantic -Wall -Wextra -Werror, so
 * anything in the header that is not plain, warning-free C breaks the build. It also checks the
 * frozen layout from C's point of view. */
#include "abi_probe.h"

#define AH_EXPECT(condition, message) _Static_assert(condition, message)
#include "layout_expectations.h"

static ah_status probe_init(const ah_host_api* host, const ah_registrar_api* reg, void** state) {
  (void)host;
  (void)reg;
  (void)state;
  return AH_OK;
}

static const ah_plugin_def probe_def = {
    .struct_size = sizeof(ah_plugin_def),
    .abi_major = AH_ABI_VERSION_MAJOR,
    .abi_minor = AH_ABI_VERSION_MINOR,
    .id = AH_LIT("c11_probe"),
    .version = AH_LIT("1.0.0"),
    .init = probe_init,
};

const ah_plugin_def* abi_probe_c11_def(void) {
  return &probe_def;
}

ah_action_desc abi_probe_c11_action(void) {
  ah_action_desc action;
  AH_INIT(action);
  action.name = AH_CSTR("probe");
  action.description = ah_cstr(NULL);
  action.read_only_hint = AH_TRUE;
  action.flags = AH_ACTION_SERIALIZED;
  return action;
}

void abi_probe_c11_sizes(size_t out[ABI_PROBE_COUNT]) {
  const size_t sizes[ABI_PROBE_COUNT] = {sizeof(ah_str),
                                         sizeof(ah_pair),
                                         sizeof(ah_content),
                                         sizeof(ah_http_request),
                                         sizeof(ah_http_response),
                                         sizeof(ah_invocation),
                                         sizeof(ah_client_request),
                                         sizeof(ah_client_reply),
                                         sizeof(ah_host_api),
                                         sizeof(ah_action_desc),
                                         sizeof(ah_resource_desc),
                                         sizeof(ah_resource_template_desc),
                                         sizeof(ah_prompt_desc),
                                         sizeof(ah_registrar_api)};
  for (int i = 0; i < ABI_PROBE_COUNT; ++i)
    out[i] = sizes[i];
}
