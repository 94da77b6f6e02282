// plugin.h as C++ (-pedantic -Wall -Wextra -Werror), with the same frozen layout.
#include "abi_probe.h"

#define AH_EXPECT(condition, message) static_assert(condition, message)
#include "layout_expectations.h"

extern "C" void abi_probe_cxx_sizes(size_t out[ABI_PROBE_COUNT]) {
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
