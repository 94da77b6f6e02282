#include "host_process.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Pipe.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <random>
#include <regex>
#include <stdexcept>
#include <sys/wait.h>

namespace actionhost::testing {

std::string actionhost_binary() { return ACTIONHOST_BIN; }
std::filesystem::path plugin_dir() { return ACTIONHOST_PLUGIN_DIR; }
std::filesystem::path fixture_dir() { return ACTIONHOST_FIXTURE_DIR; }

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("actionhost-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& content) const {
  auto file = path_ / name;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << content;
  return file;
}

namespace {

struct Child {
  Poco::ProcessHandle handle;
  Poco::Pipe pipe;
};

Child spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  Poco::Pipe pipe;
  Poco::Process::Env process_env(env.begin(), env.end());
  auto handle = Poco::Process::launch(actionhost_binary(), args, nullptr, &pipe, &pipe,
                                      process_env);
  return Child{handle, pipe};
}

// Waits for pid without blocking forever; returns the exit code (128+signal if signalled).
int wait_pid(int pid, std::chrono::milliseconds timeout, bool* exited) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    int r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      *exited = true;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (r < 0 || std::chrono::steady_clock::now() > deadline) {
      *exited = r < 0;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

} // namespace

RunResult run_actionhost(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env) {
  auto child = spawn(args, env);
  child.pipe.close(Poco::Pipe::CLOSE_WRITE);
  RunResult result;
  char buffer[4096];
  int n;
  while ((n = child.pipe.readBytes(buffer, sizeof buffer)) > 0)
    result.output.append(buffer, static_cast<size_t>(n));
  bool exited = false;
  result.exit_code = wait_pid(child.handle.id(), std::chrono::seconds(60), &exited);
  return result;
}

HostProcess::HostProcess(std::vector<std::string> args,
                         const std::map<std::string, std::string>& env,
                         std::chrono::seconds startup_timeout) {
  std::vector<std::string> full{"serve", "--listen", "127.0.0.1:0"};
  full.insert(full.end(), args.begin(), args.end());
  // serve opens the vault: without a key of the test's own, one fixed for tests, so no test
  // creates a key file in the real home directory.
  auto with_key = env;
  if (!with_key.count("ACTIONHOST_MASTER_KEY") && !std::getenv("ACTIONHOST_MASTER_KEY"))
    with_key["ACTIONHOST_MASTER_KEY"] = kTestMasterKey;
  auto child = spawn(full, with_key);
  child.pipe.close(Poco::Pipe::CLOSE_WRITE);
  handle_ = std::make_unique<Poco::ProcessHandle>(child.handle);
  reader_ = std::thread([this, pipe = child.pipe]() mutable {
    char buffer[4096];
    int n;
    while ((n = pipe.readBytes(buffer, sizeof buffer)) > 0) {
      std::lock_guard lock(mutex_);
      output_.append(buffer, static_cast<size_t>(n));
    }
  });
  // The host logs "listening on http://HOST:PORT" once the socket is bound.
  static const std::regex listening(R"(listening on http://[^\s]*:(\d+))");
  auto deadline = std::chrono::steady_clock::now() + startup_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(mutex_);
      std::smatch m;
      if (std::regex_search(output_, m, listening)) {
        port_ = static_cast<uint16_t>(std::stoi(m[1]));
        return;
      }
    }
    if (!running())
      return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

HostProcess::~HostProcess() {
  if (running())
    stop(true);
  if (reader_.joinable())
    reader_.join();
}

bool HostProcess::running() const {
  if (exited_)
    return false;
  bool exited = false;
  int code = wait_pid(handle_->id(), std::chrono::milliseconds(0), &exited);
  if (exited) {
    exited_ = true;
    exit_code_ = code;
  }
  return !exited;
}

std::string HostProcess::output() const {
  std::lock_guard lock(mutex_);
  return output_;
}

bool HostProcess::wait_for_output(const std::string& text,
                                  std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (output().find(text) != std::string::npos)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

int HostProcess::stop(bool kill, std::chrono::seconds timeout) {
  if (running()) {
    ::kill(handle_->id(), kill ? SIGKILL : SIGTERM);
    bool exited = false;
    int code = wait_pid(handle_->id(), timeout, &exited);
    if (!exited) {
      ::kill(handle_->id(), SIGKILL);
      code = wait_pid(handle_->id(), std::chrono::seconds(5), &exited);
    }
    exited_ = true;
    exit_code_ = code;
  }
  if (reader_.joinable())
    reader_.join();
  return exit_code_;
}

HttpReply http_request(uint16_t port, const std::string& method, const std::string& path,
                       const std::string& body, const std::map<std::string, std::string>& headers) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers)
    request.set(name, value);
  if (!body.empty() || method == "POST") {
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    if (!request.has("Content-Type"))
      request.setContentType("application/json");
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  auto& in = session.receiveResponse(response);
  HttpReply reply;
  reply.status = static_cast<int>(response.getStatus());
  for (const auto& [name, value] : response)
    reply.headers[Poco::toLower(name)] = value;
  Poco::StreamCopier::copyToString(in, reply.body);
  return reply;
}

} // namespace actionhost::testing
