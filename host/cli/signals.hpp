// Shutdown signals for a long-running command. SIGINT and SIGTERM are blocked in every thread
// (call block_termination_signals before starting any) and received by one sigwait, so no
// handler ever runs in the middle of server code.
#pragma once

namespace actionhost::cli {

void block_termination_signals();
// Blocks until SIGINT or SIGTERM arrives; returns the signal number.
int wait_for_termination_signal();

} // namespace actionhost::cli
