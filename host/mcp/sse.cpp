#include "sse.hpp"

#include <Poco/NumberParser.h>

namespace actionhost::mcp::sse {

std::string frame(std::string_view data, std::string_view id, std::string_view event) {
  std::string out;
  out.reserve(data.size() + 40);
  if (!event.empty())
    out.append("event: ").append(event).append("\n");
  if (!id.empty())
    out.append("id: ").append(id).append("\n");
  // JSON text from our serialiser never holds a raw newline; split anyway to stay well-formed.
  size_t start = 0;
  while (true) {
    size_t nl = data.find('\n', start);
    out.append("data: ").append(data.substr(start, nl - start)).append("\n");
    if (nl == std::string_view::npos)
      break;
    start = nl + 1;
  }
  out.append("\n");
  return out;
}

std::string priming(std::string_view id, int retry_ms) {
  return "id: " + std::string(id) + "\nretry: " + std::to_string(retry_ms) + "\ndata: \n\n";
}

std::ostream& start(http::Response& response) {
  response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType("text/event-stream");
  response.set("Cache-Control", "no-cache, no-transform");
  response.set("X-Accel-Buffering", "no");
  response.setChunkedTransferEncoding(true);
  return response.send();
}

bool write(std::ostream& out, std::string_view text) {
  try {
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    return out.good();
  } catch (const std::exception&) {
    return false;
  }
}

uint64_t ReplayBuffer::open_stream() {
  std::lock_guard lock(mutex_);
  return next_stream_++;
}

std::string ReplayBuffer::record(uint64_t stream, const std::string& message) {
  std::lock_guard lock(mutex_);
  uint64_t seq = next_seq_++;
  if (capacity_ > 0) {
    if (events_.size() == capacity_)
      events_.pop_front();
    events_.push_back({stream, seq, message});
  }
  return std::to_string(stream) + "-" + std::to_string(seq);
}

std::optional<ReplayBuffer::Replay> ReplayBuffer::after(const std::string& last_event_id) const {
  auto dash = last_event_id.find('-');
  Poco::UInt64 stream = 0, seq = 0;
  if (dash == std::string::npos ||
      !Poco::NumberParser::tryParseUnsigned64(last_event_id.substr(0, dash), stream) ||
      !Poco::NumberParser::tryParseUnsigned64(last_event_id.substr(dash + 1), seq))
    return std::nullopt;
  Replay replay;
  replay.stream = stream;
  std::lock_guard lock(mutex_);
  for (const auto& event : events_)
    if (event.stream == stream && event.seq > seq)
      replay.events.emplace_back(std::to_string(stream) + "-" + std::to_string(event.seq),
                                 event.message);
  return replay;
}

} // namespace actionhost::mcp::sse
