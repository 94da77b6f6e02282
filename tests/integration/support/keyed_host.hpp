// A deployment as an operator sets it up: an integrations file, secret keys and connections
// created with the real CLI (`actionhost keys create`, `connections create`) in a data directory,
// then `actionhost serve` on it. Everything runs with the test master key, so no key file is
// created outside the test's directory.
#pragma once

#include "host_process.hpp"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace actionhost::testing {

class KeyedHost {
public:
  // `integrations`: the body of the integrations: section (indented by two spaces).
  explicit KeyedHost(const std::string& integrations, const std::string& server_section = "")
      : config_(dir_.write("integrations.yaml", "server:\n  listen: 127.0.0.1:0\n" +
                                                    server_section + "integrations:\n" +
                                                    integrations)) {}

  // The environment of every command: the test master key and `extra_env`.
  std::map<std::string, std::string> env() const {
    auto all = extra_env;
    all["ACTIONHOST_MASTER_KEY"] = kTestMasterKey;
    return all;
  }
  std::map<std::string, std::string> extra_env; // e.g. OAuth2 client ids (${ENV} in the file)
  std::filesystem::path data_dir() const { return dir_.path() / "data"; }
  const std::filesystem::path& config() const { return config_; }

  struct Run {
    int exit_code = -1;
    std::string out, err;
  };
  // `actionhost <args> --config ... --data-dir ...` with `input` on stdin.
  Run cli(std::vector<std::string> args, const std::string& input = {}) const {
    args.insert(args.end(), {"--config", config_.string(), "--data-dir", data_dir().string()});
    Poco::Pipe in, out, err;
    auto environment = env();
    Poco::Process::Env process_env(environment.begin(), environment.end());
    auto handle = Poco::Process::launch(actionhost_binary(), args, &in, &out, &err, process_env);
    in.writeBytes(input.data(), static_cast<int>(input.size()));
    in.close(Poco::Pipe::CLOSE_WRITE);
    Run run;
    Poco::PipeInputStream out_stream(out), err_stream(err);
    Poco::StreamCopier::copyToString(out_stream, run.out);
    Poco::StreamCopier::copyToString(err_stream, run.err);
    run.exit_code = handle.wait();
    return run;
  }

  // A new secret key (the full key, as printed once on the last line).
  std::string create_key(const std::string& name, std::vector<std::string> limits = {}) const {
    std::vector<std::string> args{"keys", "create", "--name", name};
    args.insert(args.end(), limits.begin(), limits.end());
    auto run = cli(args);
    if (run.exit_code != 0)
      throw std::runtime_error("keys create failed: " + run.out + run.err);
    std::string text = run.out;
    while (!text.empty() && text.back() == '\n')
      text.pop_back();
    return text.substr(text.rfind('\n') + 1);
  }

  // `connections create` with the secret flags given (their values read from stdin when "-").
  void create_connection(const std::string& integration, const std::string& id,
                         std::vector<std::string> flags, const std::string& input = {}) const {
    std::vector<std::string> args{"connections",     "create", "--integration", integration,
                                  "--connection-id", id,       "--end-user",    "user-" + id};
    args.insert(args.end(), flags.begin(), flags.end());
    auto run = cli(args, input);
    if (run.exit_code != 0)
      throw std::runtime_error("connections create failed: " + run.out + run.err);
  }

  HostProcess& start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--config", config_.string(), "--data-dir", data_dir().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    host_ = std::make_unique<HostProcess>(args, env());
    return *host_;
  }
  HostProcess& host() { return *host_; }
  uint16_t port() const { return host_->port(); }

private:
  TempDir dir_;
  std::filesystem::path config_;
  std::unique_ptr<HostProcess> host_;
};

} // namespace actionhost::testing
