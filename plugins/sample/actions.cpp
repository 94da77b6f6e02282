#include "actions.hpp"

#include <Poco/DateTimeFormatter.h>

namespace sample {

EchoOut echo(ah::Context&, const EchoIn& in) {
  return {in.text};
}

AddOut add(ah::Context&, const AddIn& in) {
  return {in.a + in.b};
}

CurrentTimeOut current_time(ah::Context&, const CurrentTimeIn& in) {
  Poco::Timestamp now;
  // Whole seconds: sub-second precision would only make the answer look more exact than it is.
  now = Poco::Timestamp(now.epochMicroseconds() -
                        now.epochMicroseconds() % Poco::Timestamp::resolution());
  std::string formatted;
  switch (in.format) {
  case TimeFormat::rfc3339:
    formatted = ah::DateTime::from(now).value;
    break;
  case TimeFormat::rfc1123:
    formatted = Poco::DateTimeFormatter::format(now, Poco::DateTimeFormat::HTTP_FORMAT);
    break;
  case TimeFormat::unix_seconds:
    formatted = std::to_string(now.epochTime());
    break;
  }
  return {ah::DateTime::from(now), formatted};
}

} // namespace sample
