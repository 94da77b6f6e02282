// How `actionhost dryrun` shows a call: each provider exchange with its headers and bodies, and
// the proxy's own attempts (the URL it really called, redacted, with retries and timings).
#pragma once

#include "credentials.hpp"
#include "fixtures.hpp"

#include <ostream>
#include <vector>

namespace actionhost::cli {

// "#1 GET /items?limit=2 -> 200 (12 ms)", then "> " request and "< " response headers and bodies
// (JSON pretty-printed). Pass exchanges already redacted.
void print_exchanges(const std::vector<fixtures::Exchange>& exchanges, std::ostream& out);

// Nothing when there were none (a replay).
void print_attempts(const std::vector<proxy::Attempt>& attempts, std::ostream& out);

} // namespace actionhost::cli
