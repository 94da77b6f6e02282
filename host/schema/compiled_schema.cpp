// Compiling a schema once with valijson and validating documents against it.
#include "schema.hpp"
#include "violations.hpp"

#include <valijson/adapters/poco_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

namespace actionhost::schema {

struct CompiledSchema::Impl {
  Poco::Dynamic::Var document;
  valijson::Schema schema;
};

namespace {

// valijson reads one draft per parser; honour an explicit older "$schema", default to draft 7,
// which 2020-12 schemas mostly agree with.
valijson::SchemaParser::Version draft_of(const Poco::JSON::Object::Ptr& schema) {
  std::string uri = schema->optValue<std::string>("$schema", "");
  if (uri.find("draft-04") != std::string::npos)
    return valijson::SchemaParser::kDraft4;
  if (uri.find("draft-03") != std::string::npos)
    return valijson::SchemaParser::kDraft3;
  return valijson::SchemaParser::kDraft7;
}

} // namespace

CompiledSchema::CompiledSchema(Poco::Dynamic::Var schema) : impl_(std::make_unique<Impl>()) {
  impl_->document = std::move(schema);
  if (impl_->document.type() != typeid(Poco::JSON::Object::Ptr))
    throw SchemaError("a JSON Schema must be an object, got " + json_type_name(impl_->document));
  try {
    valijson::SchemaParser parser(draft_of(impl_->document.extract<Poco::JSON::Object::Ptr>()));
    valijson::adapters::PocoJsonAdapter adapter(impl_->document);
    parser.populateSchema(adapter, impl_->schema);
  } catch (const std::exception& e) {
    throw SchemaError(e.what());
  }
}

CompiledSchema::~CompiledSchema() = default;

std::vector<Violation> CompiledSchema::validate(const Poco::Dynamic::Var& document) const {
  // A Validator caches compiled regexes in itself, so each validation gets its own; the parsed
  // schema is only read.
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::PocoJsonAdapter target(document);
  try {
    if (validator.validate(impl_->schema, target, &results))
      return {};
  } catch (const std::exception& e) {
    // e.g. a "pattern" that std::regex rejects only surfaces when it is first used.
    return {Violation{"", std::string("the schema could not be applied: ") + e.what()}};
  }
  return readable_violations(results, document, impl_->document);
}

const Poco::Dynamic::Var& CompiledSchema::document() const {
  return impl_->document;
}

} // namespace actionhost::schema
