#include "post_stream.hpp"

#include "sse.hpp"

namespace actionhost::mcp {

namespace {
constexpr int kRetryMs = 2000;
}

PostStream::PostStream(http::Response& response, Setup setup)
    : response_(response), setup_(std::move(setup)) {}

bool PostStream::streaming() const {
  std::lock_guard lock(mutex_);
  return out_ != nullptr;
}

void PostStream::write_event(const std::string& message) {
  std::string id;
  if (setup_.session)
    id = setup_.session->replay().record(stream_, message);
  if (broken_)
    return; // kept for replay; the client may resume with GET and Last-Event-ID
  if (!sse::write(*out_, sse::frame(message, id))) {
    broken_ = true;
    if (setup_.cancel_on_disconnect)
      setup_.cancel_on_disconnect->cancel(); // stateless era: a closed stream cancels the call
  }
}

void PostStream::send(const std::string& message) {
  std::lock_guard lock(mutex_);
  if (finished_)
    return;
  if (!out_) {
    out_ = &sse::start(response_);
    if (setup_.session) {
      stream_ = setup_.session->replay().open_stream();
      if (setup_.prime)
        sse::write(*out_, sse::priming(setup_.session->replay().record(stream_, ""), kRetryMs));
    }
  }
  write_event(message);
}

void PostStream::finish(const std::string& message, int status) {
  std::lock_guard lock(mutex_);
  if (finished_)
    return;
  finished_ = true;
  if (out_)
    write_event(message);
  else
    http::send_json(response_, status, message);
}

void PostStream::abandon() {
  std::lock_guard lock(mutex_);
  if (finished_)
    return;
  finished_ = true;
  if (!out_)
    sse::start(response_); // an empty stream: the client stopped waiting for this answer
}

} // namespace actionhost::mcp
