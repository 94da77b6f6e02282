// An interruptible wait. The cancel check is a plain function (the MCP layer's token), so it is
// polled in short slices rather than waited on.
#include "wait.hpp"

#include <algorithm>
#include <thread>

namespace actionhost::proxy::detail {

WaitEnd wait_for(std::chrono::milliseconds duration, const std::function<bool()>& cancelled) {
  constexpr auto slice = std::chrono::milliseconds(10);
  auto end = std::chrono::steady_clock::now() + duration;
  for (;;) {
    if (cancelled && cancelled())
      return WaitEnd::cancelled;
    auto now = std::chrono::steady_clock::now();
    if (now >= end)
      return WaitEnd::elapsed;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(slice, end - now));
  }
}

} // namespace actionhost::proxy::detail
