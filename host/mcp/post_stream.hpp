// The answer to one POSTed request, decided lazily: plain JSON when the call finishes without a
// word in between, an SSE stream from the first notification or server-to-client request on
// (the call's progress, logs, questions, then its response).
#pragma once

#include "exchange.hpp"

#include <functional>
#include <mutex>
#include <ostream>

namespace actionhost::mcp {

class PostStream : public Outbound {
public:
  struct Setup {
    Session* session = nullptr; // event ids recorded in its replay buffer (session era)
    bool prime = false;         // 2025-11-25: a priming event opens the stream
    std::shared_ptr<plugins::CancelToken> cancel_on_disconnect; // stateless era
  };
  PostStream(http::Response& response, Setup setup);

  void send(const std::string& message) override;
  // The final response: JSON with `status`, or the last event of the stream.
  void finish(const std::string& message, int status);
  // No response (the client cancelled the request): the stream, opened now if need be, just ends.
  void abandon();
  bool streaming() const;

private:
  void write_event(const std::string& message);

  http::Response& response_;
  Setup setup_;
  mutable std::mutex mutex_;
  std::ostream* out_ = nullptr;
  uint64_t stream_ = 0;
  bool finished_ = false;
  bool broken_ = false;
};

} // namespace actionhost::mcp
