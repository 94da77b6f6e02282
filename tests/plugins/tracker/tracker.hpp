// The tracker plugin's input and output types, shared with its tests (tests/unit/testkit), which
// call its actions with these very structs.
#pragma once

#include <actionhost/plugin.hpp>

namespace tracker {

struct Issue {
  std::int64_t number = 0;
  std::string title;
  std::string state;
  static auto fields() {
    return std::tuple{ah::field("number", &Issue::number, "Issue number"),
                      ah::field("title", &Issue::title, "Title"),
                      ah::field("state", &Issue::state, "open or closed")};
  }
};

struct ListIssuesIn {
  std::string repo;
  std::optional<std::string> state;
  static auto fields() {
    return std::tuple{
        ah::field("repo", &ListIssuesIn::repo, "owner/name").min_length(3).pattern("^[^/]+/[^/]+$"),
        ah::field("state", &ListIssuesIn::state, "open, closed or all (default: open)")};
  }
};
struct ListIssuesOut {
  std::vector<Issue> issues;
  static auto fields() {
    return std::tuple{ah::field("issues", &ListIssuesOut::issues, "The repository's issues")};
  }
};

struct CreateIssueIn {
  std::string repo;
  std::string title;
  std::vector<std::string> labels;
  static auto fields() {
    return std::tuple{ah::field("repo", &CreateIssueIn::repo, "owner/name").min_length(3),
                      ah::field("title", &CreateIssueIn::title, "Title").min_length(1),
                      ah::field("labels", &CreateIssueIn::labels, "Labels to add")};
  }
};
struct CreateIssueOut {
  std::int64_t number = 0;
  std::string url;
  static auto fields() {
    return std::tuple{ah::field("number", &CreateIssueOut::number, "The new issue's number"),
                      ah::field("url", &CreateIssueOut::url, "Where to see it")};
  }
};

// close_issues asks the user to confirm (elicitation) and reports progress per issue.
struct CloseIssuesIn {
  std::string repo;
  std::vector<std::int64_t> numbers;
  static auto fields() {
    return std::tuple{ah::field("repo", &CloseIssuesIn::repo, "owner/name").min_length(3),
                      ah::field("numbers", &CloseIssuesIn::numbers, "The issues to close")};
  }
};

struct CloseConfirmation {
  bool confirm = false;
  std::string comment;
  static auto fields() {
    return std::tuple{ah::field("confirm", &CloseConfirmation::confirm, "Close them"),
                      ah::field("comment", &CloseConfirmation::comment, "Why")};
  }
};

struct CloseIssuesOut {
  std::vector<std::int64_t> closed;
  std::string comment;
  static auto fields() {
    return std::tuple{ah::field("closed", &CloseIssuesOut::closed, "The issues closed"),
                      ah::field("comment", &CloseIssuesOut::comment, "The user's reason")};
  }
};

// summarize_issues asks the client's model (sampling) to summarise the open issues.
struct SummaryOut {
  std::string summary;
  static auto fields() { return std::tuple{ah::field("summary", &SummaryOut::summary, "")}; }
};

} // namespace tracker
