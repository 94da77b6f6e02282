// Catch2 (v2) matchers for call results. On failure Catch2 prints the whole result: status,
// error text or structured output, and what the action logged.
//   REQUIRE_THAT(result, ah::testkit::Succeeds());
//   CHECK_THAT(result, ah::testkit::FailsWith(AH_ERR_TOOL, "no repository named"));
//   REQUIRE_THAT(plugin.replay<Out>(fixture), ah::testkit::MatchesFixture(fixture));
#pragma once

#include <actionhost/testkit/fixture.hpp>
#include <actionhost/testkit/result.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ah::testkit {

class Succeeds : public Catch::MatcherBase<CallResult> {
public:
  bool match(const CallResult& result) const override { return result.ok(); }
  std::string describe() const override { return "succeeds"; }
};

// A tool error whose text contains `part`, with `status` when one is given.
class FailsWith : public Catch::MatcherBase<CallResult> {
public:
  explicit FailsWith(std::string part) : part_(std::move(part)) {}
  FailsWith(ah_status status, std::string part) : status_(status), part_(std::move(part)) {}
  bool match(const CallResult& result) const override {
    return result.is_error && (!status_ || result.status == *status_) &&
           result.text.find(part_) != std::string::npos;
  }
  std::string describe() const override {
    std::string what = "fails";
    if (status_)
      what += " with " + std::string(ah::status_name(*status_));
    return what + " saying \"" + part_ + "\"";
  }

private:
  std::optional<ah_status> status_;
  std::string part_;
};

// The recorded output (outside the fixture's ignored paths), every request answered by a recorded
// exchange and every recorded exchange requested. On failure Catch2 prints the result (with its
// problems: unmatched requests, unused exchanges) and then each output difference.
class MatchesFixture : public Catch::MatcherBase<CallResult> {
public:
  explicit MatchesFixture(Fixture fixture) : fixture_(std::move(fixture)) {}
  bool match(const CallResult& result) const override {
    differences_ = fixture_.differences(result);
    return differences_.empty() && result.problems.empty();
  }
  std::string describe() const override {
    // On its own line: Catch2 prints it right after the (multi-line) result.
    std::string out = "\nmatches the recording in " + fixture_.path();
    for (const auto& difference : differences_)
      out += "\n  " + difference;
    return out;
  }

private:
  Fixture fixture_;
  mutable std::vector<std::string> differences_; // from the last match, for describe()
};

} // namespace ah::testkit
