// Turns valijson's results into readable violations: JSON Pointer paths, the expected types taken
// from the schema, and no "could not validate property" summaries above the real cause.
#pragma once

#include "schema.hpp"

#include <valijson/validation_results.hpp>

namespace actionhost::schema {

std::vector<Violation> readable_violations(const valijson::ValidationResults& results,
                                           const Poco::Dynamic::Var& document,
                                           const Poco::Dynamic::Var& schema);

} // namespace actionhost::schema
