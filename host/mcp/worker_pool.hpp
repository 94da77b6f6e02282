// A fixed number of threads running queued jobs in order: tasks run here, never on a thread of
// their own. Threads start with the first job; the destructor finishes the running jobs, drops
// the queued ones and joins.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace actionhost::mcp {

class WorkerPool {
public:
  explicit WorkerPool(size_t threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void submit(std::function<void()> job);
  size_t threads() const { return size_; }

private:
  void work();

  const size_t size_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
  bool stopping_ = false;
};

} // namespace actionhost::mcp
