// Fixture: the fixtures module's reader, replayer and structural comparison behind the kit's
// small interface.
#include "provider_impl.hpp"
#include "schema.hpp"

#include <actionhost/testkit/fixture.hpp>

namespace ah::testkit {

namespace fx = actionhost::fixtures;

struct Fixture::Impl {
  std::string path;
  fx::Fixture recorded;
};

Fixture::Fixture(const std::string& path) {
  auto impl = std::make_shared<Impl>();
  impl->path = path;
  try {
    impl->recorded = fx::read_fixture(path);
  } catch (const fx::FixtureError& e) {
    throw std::runtime_error(e.what());
  }
  impl_ = std::move(impl);
}

const std::string& Fixture::path() const {
  return impl_->path;
}

std::string Fixture::integration() const {
  return impl_->recorded.integration;
}

std::string Fixture::action() const {
  return impl_->recorded.action;
}

std::string Fixture::input_json() const {
  return actionhost::schema::to_json(impl_->recorded.input);
}

std::string Fixture::metadata_json() const {
  const auto& metadata = impl_->recorded.metadata;
  return metadata ? actionhost::schema::to_json(metadata) : std::string("{}");
}

std::string Fixture::output_json() const {
  const auto& output = impl_->recorded.output;
  return output ? actionhost::schema::to_json(output) : std::string();
}

Provider Fixture::provider() const {
  Provider provider;
  auto& impl = *provider.impl();
  impl.recorded = impl_->recorded.exchanges;
  impl.replay_inner = std::make_unique<actionhost::plugins::DefaultCallServices>();
  impl.replayer = std::make_unique<fx::Replayer>(*impl.replay_inner, impl.recorded);
  return provider;
}

std::vector<std::string> Fixture::differences(const CallResult& result) const {
  const auto& expected = impl_->recorded.output;
  if (!expected)
    return {};
  // The result as the MCP CallToolResult it stands for (ToolResult::to_json's shape).
  Poco::JSON::Object::Ptr actual = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  actual->set("content", actionhost::schema::parse_json(result.content_json));
  if (!result.structured_json.empty())
    actual->set("structuredContent", actionhost::schema::parse_json(result.structured_json));
  if (result.is_error)
    actual->set("isError", true);
  std::vector<std::string> out;
  for (const auto& difference : fx::compare_outputs(expected, actual, impl_->recorded.ignore))
    out.push_back(fx::to_string(difference));
  return out;
}

} // namespace ah::testkit
