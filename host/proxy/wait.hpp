// Sleeping between attempts without sleeping through a cancellation.
#pragma once

#include <chrono>
#include <functional>

namespace actionhost::proxy::detail {

enum class WaitEnd { elapsed, cancelled };

// Waits `duration`, checking `cancelled` (may be empty) every few milliseconds.
WaitEnd wait_for(std::chrono::milliseconds duration, const std::function<bool()>& cancelled);

} // namespace actionhost::proxy::detail
