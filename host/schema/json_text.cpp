// JSON text in and out, with Poco: the one place that knows how Poco represents JSON values.
#include "schema.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <ostream>
#include <sstream>
#include <streambuf>

namespace actionhost::schema {

namespace {

// Serialises into a std::string through one std::ostream per thread: constructing a
// std::ostringstream (its ios state and locale) costs more than writing a small message, and
// every request writes several. Nested use (never expected) falls back to a fresh stream.
class StringSink : public std::streambuf {
public:
  std::string* target = nullptr;

protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof()))
      target->push_back(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    target->append(s, static_cast<size_t>(n));
    return n;
  }
};

template <class Write> std::string write_json(Write write) {
  struct Writer {
    StringSink sink;
    std::ostream out{&sink};
  };
  thread_local Writer writer;
  std::string text;
  if (writer.sink.target) { // already writing on this thread
    std::ostringstream out;
    write(out);
    return out.str();
  }
  writer.sink.target = &text;
  writer.out.clear();
  writer.out.flags(std::ios_base::dec | std::ios_base::skipws);
  writer.out.precision(6);
  writer.out.width(0);
  struct Release {
    StringSink& sink;
    ~Release() { sink.target = nullptr; }
  } release{writer.sink};
  write(writer.out);
  return text;
}

} // namespace

Poco::Dynamic::Var parse_json(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw SchemaError("not valid JSON: the text is empty");
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(/*preserveObjectOrder=*/true));
    auto first = text.find_first_not_of(" \t\r\n");
    if (text[first] != '{' && text[first] != '[') {
      // Poco's handler cannot hold a bare scalar as the whole document; wrap it in an array
      // (trailing text still fails: "1],[2" becomes "[1],[2]", which has excess characters).
      auto wrapped = parser.parse("[" + std::string(text) + "]");
      return wrapped.extract<Poco::JSON::Array::Ptr>()->get(0);
    }
    return parser.parse(std::string(text));
  } catch (const Poco::Exception& e) {
    throw SchemaError("not valid JSON: " + e.displayText());
  } catch (const std::exception& e) {
    throw SchemaError(std::string("not valid JSON: ") + e.what());
  }
}

Poco::JSON::Object::Ptr parse_json_object(std::string_view text) {
  Poco::Dynamic::Var value = parse_json(text);
  if (value.type() != typeid(Poco::JSON::Object::Ptr))
    throw SchemaError("expected a JSON object, got " + json_type_name(value));
  return value.extract<Poco::JSON::Object::Ptr>();
}

std::string to_json(const Poco::Dynamic::Var& value, unsigned indent) {
  return write_json(
      [&](std::ostream& out) { Poco::JSON::Stringifier::stringify(value, out, indent); });
}

std::string json_type_name(const Poco::Dynamic::Var& value) {
  if (value.type() == typeid(Poco::JSON::Object::Ptr) || value.type() == typeid(Poco::JSON::Object))
    return "object";
  if (value.type() == typeid(Poco::JSON::Array::Ptr) || value.type() == typeid(Poco::JSON::Array))
    return "array";
  if (value.isEmpty())
    return "null";
  if (value.isBoolean())
    return "boolean";
  if (value.isString())
    return "string";
  if (value.isInteger())
    return "integer";
  if (value.isNumeric())
    return "number";
  return "unknown";
}

} // namespace actionhost::schema
