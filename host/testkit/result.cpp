// How a call result prints in a failed assertion.
#include <actionhost/testkit/result.hpp>

namespace ah::testkit {

std::ostream& operator<<(std::ostream& out, const CallResult& result) {
  out << "action '" << result.action << "': ";
  if (result.is_error)
    out << "tool error (" << result.status_name() << "): " << result.text;
  else
    out << "ok: " << (result.structured_json.empty() ? result.text : result.structured_json);
  for (const auto& line : result.logs)
    out << "\n  log " << line;
  for (const auto& question : result.questions)
    out << "\n  asked " << question.method << ": " << question.params_json;
  for (const auto& step : result.progress) {
    out << "\n  progress " << step.progress;
    if (step.total)
      out << "/" << *step.total;
    if (!step.message.empty())
      out << " " << step.message;
  }
  // A replay mismatch usually is the action's error text too: print it once.
  for (const auto& line : result.problems)
    if (result.text.find(line) == std::string::npos)
      out << "\n  problem: " << line;
  return out;
}

} // namespace ah::testkit
