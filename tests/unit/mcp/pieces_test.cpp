// Version negotiation, signed requestState and the SSE replay buffer.
#include "request_state.hpp"
#include "sse.hpp"
#include "versions.hpp"

#include <catch2/catch.hpp>

using namespace actionhost::mcp;

TEST_CASE("initialize echoes a version we speak, else answers the latest", "[mcp][versions]") {
  CHECK(versions::negotiate("2025-03-26") == "2025-03-26");
  CHECK(versions::negotiate("2024-11-05") == "2024-11-05");
  CHECK(versions::negotiate("1999-01-01") == "2025-11-25");
  CHECK(versions::allows_batches("2025-03-26"));
  CHECK_FALSE(versions::allows_batches("2025-06-18"));
  CHECK(versions::names_stateless_era("2026-07-28"));
  CHECK_FALSE(versions::names_stateless_era("2025-11-25"));
  CHECK_FALSE(versions::names_stateless_era("v999.0.0"));
}

TEST_CASE("requestState opens only when untouched and only for the signer that sealed it",
          "[mcp][state]") {
  StateSigner signer;
  Poco::JSON::Object::Ptr state = new Poco::JSON::Object;
  state->set("m", "tools/call");
  auto sealed = signer.seal(state);
  auto opened = signer.open(sealed);
  REQUIRE(opened);
  CHECK((*opened)->getValue<std::string>("m") == "tools/call");
  CHECK_FALSE(signer.open(sealed + "-TAMPERED"));
  CHECK_FALSE(signer.open("x" + sealed));
  CHECK_FALSE(StateSigner().open(sealed));
}

TEST_CASE("the replay buffer returns a stream's events after the last one seen, bounded",
          "[mcp][sse]") {
  sse::ReplayBuffer buffer(3);
  auto a = buffer.open_stream();
  auto b = buffer.open_stream();
  auto first = buffer.record(a, "1");
  buffer.record(b, "other");
  buffer.record(a, "2");
  buffer.record(a, "3");
  auto replay = buffer.after(first);
  REQUIRE(replay);
  REQUIRE(replay->events.size() == 2);
  CHECK(replay->events[0].second == "2");
  buffer.record(a, "4"); // capacity 3: the oldest event is gone
  CHECK(buffer.after(first)->events.size() == 3);
  CHECK_FALSE(buffer.after("garbage"));
  CHECK(sse::frame("{}", "1-1") == "event: message\nid: 1-1\ndata: {}\n\n");
}
