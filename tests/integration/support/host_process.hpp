// Starts the real actionhost binary as a child process on a free port, collects everything it
// logs, and stops it with SIGTERM. Integration tests talk to it over a real socket.
#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/Process.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace actionhost::testing {

// The master key HostProcess gives serve (ACTIONHOST_MASTER_KEY) unless the test names one.
inline constexpr const char* kTestMasterKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

// Paths baked in at build time (see tests/integration/CMakeLists.txt).
std::string actionhost_binary();
std::filesystem::path plugin_dir();
std::filesystem::path fixture_dir();

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to path()/name and returns the full path.
  std::filesystem::path write(const std::string& name, const std::string& content) const;

private:
  std::filesystem::path path_;
};

// Result of running actionhost to completion (for CLI tests).
struct RunResult {
  int exit_code = -1;
  std::string output; // stdout and stderr interleaved
};
RunResult run_actionhost(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env = {});

class HostProcess {
public:
  // Starts `actionhost serve --listen 127.0.0.1:0 <args>` and waits until it listens (or exits).
  explicit HostProcess(std::vector<std::string> args,
                       const std::map<std::string, std::string>& env = {},
                       std::chrono::seconds startup_timeout = std::chrono::seconds(20));
  ~HostProcess();

  bool running() const;
  uint16_t port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Everything logged so far.
  std::string output() const;
  // Waits until the log contains `text`.
  bool wait_for_output(const std::string& text,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  // Sends SIGTERM (or SIGKILL with kill=true) and returns the exit code.
  int stop(bool kill = false, std::chrono::seconds timeout = std::chrono::seconds(15));

private:
  void read_output(int fd);
  std::unique_ptr<Poco::ProcessHandle> handle_;
  int output_fd_ = -1;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::string output_;
  uint16_t port_ = 0;
  mutable int exit_code_ = -1; // updated by running() as a side effect of reaping
  mutable bool exited_ = false;
};

// One HTTP exchange with a running host.
struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers; // names lower-cased
  std::string body;
};
HttpReply http_request(uint16_t port, const std::string& method, const std::string& path,
                       const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {});

} // namespace actionhost::testing
