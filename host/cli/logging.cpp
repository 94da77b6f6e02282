#include "logging.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/PatternFormatter.h>

#include <stdexcept>

namespace actionhost::cli {

void setup_logging(const std::string& level) {
  std::string name = level == "info" ? "information" : level;
  int priority = 0;
  try {
    priority = Poco::Logger::parseLevel(name);
  } catch (const Poco::Exception&) {
    throw std::invalid_argument("unknown log level '" + level +
                                "' (expected trace, debug, info, notice, warning, error)");
  }
  Poco::AutoPtr<Poco::PatternFormatter> formatter(
      new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %q %s: %t"));
  formatter->setProperty("times", "UTC");
  Poco::AutoPtr<Poco::FormattingChannel> channel(
      new Poco::FormattingChannel(formatter, new Poco::ConsoleChannel));
  Poco::Logger::root().setChannel(channel);
  Poco::Logger::root().setLevel(priority);
  // Loggers created before this call keep their old channel; update them all.
  Poco::Logger::setChannel("", channel);
  Poco::Logger::setLevel("", priority);
}

} // namespace actionhost::cli
