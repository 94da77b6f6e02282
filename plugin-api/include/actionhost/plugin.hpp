// The C++ layer of the ActionHost plugin API: typed actions, resources and prompts over the C
// ABI in plugin.h. Header-only; compiled into each plugin. See sdk/ for the parts:
//   formats.hpp, enums.hpp    strings with a "format" (ah::DateTime, ...), enums as names
//   field.hpp                 ah::field declarations, the Record concept, ah::None
//   schema.hpp                JSON Schema derived from the types
//   decode.hpp, encode.hpp    JSON <-> structs, with every decoding error and its path
//   errors.hpp                exceptions and the statuses they become
//   context.hpp, http.hpp     ah::Context and the proxy's HTTP client
//   client.hpp                questions for the MCP client (elicitation, sampling)
//   content.hpp               content blocks, ah::ToolResult, prompt messages
//   actions.hpp, resources.hpp, prompts.hpp, completion.hpp, registry.hpp, entry.hpp
//                             registration, trampolines and the AH_PLUGIN entry point
#pragma once

#include <actionhost/plugin.h>

#include <actionhost/sdk/actions.hpp>
#include <actionhost/sdk/client.hpp>
#include <actionhost/sdk/completion.hpp>
#include <actionhost/sdk/content.hpp>
#include <actionhost/sdk/context.hpp>
#include <actionhost/sdk/decode.hpp>
#include <actionhost/sdk/encode.hpp>
#include <actionhost/sdk/entry.hpp>
#include <actionhost/sdk/enums.hpp>
#include <actionhost/sdk/errors.hpp>
#include <actionhost/sdk/field.hpp>
#include <actionhost/sdk/formats.hpp>
#include <actionhost/sdk/http.hpp>
#include <actionhost/sdk/json.hpp>
#include <actionhost/sdk/prompts.hpp>
#include <actionhost/sdk/registry.hpp>
#include <actionhost/sdk/resources.hpp>
#include <actionhost/sdk/schema.hpp>
