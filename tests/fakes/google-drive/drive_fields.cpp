// Google's partial-response `fields` mask: parsing it and applying it to a JSON answer.
#include "drive_fake.hpp"

#include <Poco/JSON/Array.h>

#include <cctype>

namespace actionhost::fakes {

namespace {

bool parse_list(const std::string& text, size_t& pos, FieldMask& mask) {
  while (true) {
    size_t start = pos;
    while (pos < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '_'))
      ++pos;
    if (pos == start)
      return false;
    FieldMask& sub = mask.fields[text.substr(start, pos - start)];
    if (pos < text.size() && text[pos] == '(') {
      ++pos;
      if (!parse_list(text, pos, sub) || pos >= text.size() || text[pos] != ')')
        return false;
      ++pos;
    }
    if (pos >= text.size() || text[pos] != ',')
      return true;
    ++pos;
  }
}

Poco::Dynamic::Var select_value(const Poco::Dynamic::Var& value, const FieldMask& mask) {
  if (mask.fields.empty())
    return value;
  if (value.type() == typeid(Poco::JSON::Object::Ptr))
    return select(value.extract<Poco::JSON::Object::Ptr>(), mask);
  if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    auto in = value.extract<Poco::JSON::Array::Ptr>();
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (size_t i = 0; i < in->size(); ++i)
      out->add(select_value(in->get(static_cast<unsigned>(i)), mask));
    return out;
  }
  return value;
}

} // namespace

std::optional<FieldMask> parse_fields(const std::string& text) {
  FieldMask mask;
  size_t pos = 0;
  if (text.empty() || !parse_list(text, pos, mask) || pos != text.size())
    return std::nullopt;
  return mask;
}

Poco::JSON::Object::Ptr select(const Poco::JSON::Object::Ptr& value, const FieldMask& mask) {
  if (mask.fields.empty())
    return value;
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
  for (const auto& [name, sub] : mask.fields)
    if (value->has(name))
      out->set(name, select_value(value->get(name), sub));
  return out;
}

} // namespace actionhost::fakes
