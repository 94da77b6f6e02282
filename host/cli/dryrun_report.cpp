#include "dryrun_report.hpp"
#include "action_target.hpp"

#include "plugins.hpp"
#include "schema.hpp"

#include <chrono>
#include <sstream>

namespace actionhost::cli {

namespace {

std::string pairs_text(const plugins::Pairs& pairs, const char* marker) {
  std::string out;
  for (const auto& [name, value] : pairs)
    out += std::string("  ") + marker + " " + name + ": " + value + "\n";
  return out;
}

std::string body_text(const std::string& body, const char* marker) {
  if (body.empty())
    return "";
  std::string text = body;
  if (auto first = body.find_first_not_of(" \t\r\n");
      first != std::string::npos && (body[first] == '{' || body[first] == '[')) {
    try {
      text = schema::to_json(schema::parse_json(body), 2);
    } catch (const std::exception&) {
    }
  }
  std::istringstream lines(text);
  std::string out, line;
  while (std::getline(lines, line))
    out += std::string("  ") + marker + " " + line + "\n";
  return out;
}

} // namespace

void print_exchanges(const std::vector<fixtures::Exchange>& exchanges, std::ostream& out) {
  out << "exchanges (" << exchanges.size() << ")\n";
  for (size_t i = 0; i < exchanges.size(); ++i) {
    const auto& e = exchanges[i];
    std::string target = e.request.path;
    char separator = '?';
    for (const auto& [name, value] : e.request.query) {
      target += separator + name + "=" + value;
      separator = '&';
    }
    out << "\n#" << (i + 1) << " " << e.request.method << " " << target << " -> "
        << (e.response.failure != AH_OK ? plugins::status_name(e.response.failure)
                                        : std::to_string(e.response.status))
        << " (" << e.duration_ms << " ms)\n";
    if (e.response.failure != AH_OK)
      out << indented(e.response.error, "  ! ") << "\n";
    out << pairs_text(e.request.headers, ">") << body_text(e.request.body, ">")
        << pairs_text(e.response.headers, "<") << body_text(e.response.body, "<");
  }
}

void print_attempts(const std::vector<proxy::Attempt>& attempts, std::ostream& out) {
  if (attempts.empty())
    return;
  out << "\nproxy attempts (" << attempts.size() << ")\n";
  for (const auto& a : attempts) {
    out << "  " << a.method << " " << a.url << " -> "
        << (a.status ? std::to_string(a.status) : "no response") << " ("
        << std::chrono::duration_cast<std::chrono::milliseconds>(a.duration).count() << " ms";
    if (a.attempt > 1)
      out << ", attempt " << a.attempt;
    if (!a.retry_reason.empty())
      out << ", retried: " << a.retry_reason;
    if (!a.error.empty())
      out << ", " << a.error;
    out << ")\n";
  }
}

} // namespace actionhost::cli
