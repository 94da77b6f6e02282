// A small issue-tracker plugin whose actions call their provider through ctx.proxy(): a GET with
// a query and a POST with a JSON body, with the provider's errors turned into tool errors. The
// test kit's own tests run it against handlers and fixtures.
#include "tracker.hpp"

namespace tracker {
namespace {

// A 404 means the repository does not exist (or the connection cannot see it): say so plainly.
void check(const ah::Response& response, const std::string& repo) {
  if (response.status == 404)
    throw ah::ToolError("no repository named '" + repo + "'");
  response.expect_ok();
}

ListIssuesOut list_issues(ah::Context& ctx, const ListIssuesIn& in) {
  auto response = ctx.proxy().get("/repos/" + in.repo + "/issues",
                                  {{"state", in.state.value_or("open")}, {"per_page", "50"}});
  check(response, in.repo);
  ListIssuesOut out;
  ah::JsonArray items = ah::json::as_array(response.json());
  if (!items)
    throw ah::ToolError("the provider answered with something other than a list of issues");
  for (size_t i = 0; i < items->size(); ++i)
    out.issues.push_back(ah::decode<Issue>(items->get(static_cast<unsigned>(i))));
  ctx.log(ah::LogLevel::info, "listed " + std::to_string(out.issues.size()) + " issues");
  return out;
}

struct NewIssue {
  std::string title;
  std::vector<std::string> labels;
  static auto fields() {
    return std::tuple{ah::field("title", &NewIssue::title, ""),
                      ah::field("labels", &NewIssue::labels, "")};
  }
};

CreateIssueOut create_issue(ah::Context& ctx, const CreateIssueIn& in) {
  auto response = ctx.proxy().post("/repos/" + in.repo + "/issues",
                                   ah::Body::json(NewIssue{in.title, in.labels}));
  check(response, in.repo);
  // Providers add fields over time; only the two this action returns matter.
  auto body = response.json_object();
  return {body->optValue<Poco::Int64>("number", 0), body->optValue<std::string>("html_url", "")};
}

CloseIssuesOut close_issues(ah::Context& ctx, const CloseIssuesIn& in) {
  auto answer = ctx.elicit<CloseConfirmation>("Close " + std::to_string(in.numbers.size()) +
                                              " issues in " + in.repo + "?");
  if (!answer.accepted() || !answer.content->confirm)
    throw ah::ToolError("the user did not confirm: nothing was closed");
  CloseIssuesOut out{{}, answer.content->comment};
  for (size_t i = 0; i < in.numbers.size(); ++i) {
    std::string number = std::to_string(in.numbers[i]);
    ctx.progress(static_cast<double>(i), static_cast<double>(in.numbers.size()),
                 "closing #" + number);
    auto body = ah::json::object();
    body->set("state", "closed");
    check(ctx.proxy().patch("/repos/" + in.repo + "/issues/" + number, body), in.repo);
    out.closed.push_back(in.numbers[i]);
  }
  ctx.progress(static_cast<double>(in.numbers.size()), static_cast<double>(in.numbers.size()),
               "done");
  ctx.log(ah::LogLevel::notice, "closed " + std::to_string(out.closed.size()) + " issues");
  return out;
}

SummaryOut summarize_issues(ah::Context& ctx, const ListIssuesIn& in) {
  std::string titles;
  for (const auto& issue : list_issues(ctx, in).issues)
    titles += "\n- " + issue.title;
  return {ctx.sample_text("Summarise these issues in one sentence:" + titles, 200)};
}

} // namespace
} // namespace tracker

AH_PLUGIN("tracker", "1.0.0", "Tracker", "Lists and creates issues through the proxy") {
  plugin.action("list_issues", tracker::list_issues).title("List issues").read_only();
  plugin.action("create_issue", tracker::create_issue).title("Create an issue");
  plugin.action("close_issues", tracker::close_issues).title("Close issues, once confirmed");
  plugin.action("summarize_issues", tracker::summarize_issues).title("Summarise open issues");
}
