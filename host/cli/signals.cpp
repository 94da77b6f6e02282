#include "signals.hpp"

#include <csignal>
#include <pthread.h>

namespace actionhost::cli {
namespace {
sigset_t termination_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}
} // namespace

void block_termination_signals() {
  sigset_t set = termination_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // A peer closing a socket mid-write must be an error return, not process death.
  std::signal(SIGPIPE, SIG_IGN);
}

int wait_for_termination_signal() {
  sigset_t set = termination_set();
  int signal = 0;
  while (sigwait(&set, &signal) != 0) {
  }
  return signal;
}

} // namespace actionhost::cli
