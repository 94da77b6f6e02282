// ah::testkit::Fixture: one recorded call (`actionhost dryrun ... --save FILE`): the action's
// input, its output, and every provider exchange. A test replays it with no connection and no
// network, and checks that the action still produces the recorded output.
#pragma once

#include <actionhost/sdk/decode.hpp>
#include <actionhost/testkit/export.hpp>
#include <actionhost/testkit/provider.hpp>
#include <actionhost/testkit/result.hpp>

#include <memory>
#include <string>
#include <vector>

namespace ah::testkit {

class AH_TESTKIT_API Fixture {
public:
  // Reads the file. Throws std::runtime_error "<file>: <field>: <reason>" when it cannot.
  explicit Fixture(const std::string& path);

  const std::string& path() const;
  std::string integration() const;
  std::string action() const;
  std::string input_json() const;
  // The connection's metadata as the action saw it when recorded ("{}" when none); a replay
  // hands it to the action again.
  std::string metadata_json() const;
  // The recorded result: {"content": [...], "structuredContent": {...}, "isError": true}; empty
  // when the fixture recorded no output.
  std::string output_json() const;

  // The recorded input, decoded into the action's own input struct.
  template <class In> In input() const { return ah::decode_json<In>(input_json()); }

  // A new provider answering from the recorded exchanges, each at most once; a request matching
  // none fails with its differences from the closest recorded one. Handlers added with on() are
  // tried first, so a test can vary one answer of a recording.
  Provider provider() const;

  // Every difference between `result` and the recorded output, outside the fixture's ignored
  // paths: "/structuredContent/name: expected \"Widget\", got \"Gadget\"" (the text block that
  // only echoes structuredContent is left out of the comparison). Empty when it
  // matches, or when the fixture recorded no output.
  std::vector<std::string> differences(const CallResult& result) const;

private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

} // namespace ah::testkit
