#include "soql.hpp"

#include "api.hpp"

#include <Poco/DateTimeFormatter.h>

#include <regex>

namespace salesforce {

namespace {

// The smallest batch Salesforce accepts (Sforce-Query-Options: batchSize=200..2000).
constexpr const char* kBatchOption = "batchSize=200";

std::string escaped(const std::string& text, bool like) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '\'':
      out += "\\'";
      break;
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '%':
      out += like ? "\\%" : "%";
      break;
    case '_':
      out += like ? "\\_" : "_";
      break;
    default:
      out += c;
    }
  }
  return out;
}

struct Position {
  std::string locator; // "q": the query itself
  size_t skip = 0;
};

Position parse_cursor(const std::optional<std::string>& cursor) {
  if (!cursor)
    return {"q", 0};
  std::smatch m;
  static const std::regex shape("^(q|[A-Za-z0-9]{15,18}-[0-9]{1,9})~([0-9]{1,4})$");
  if (!std::regex_match(*cursor, m, shape))
    throw ah::ToolError("cursor: not a next_cursor this action returned; start again without a "
                        "cursor");
  return {m[1].str(), std::stoul(m[2].str())};
}

// The locator in a nextRecordsUrl (/services/data/v60.0/query/01gD0000002HU6KIAW-2000).
std::optional<std::string> locator_of(const std::string& next_url) {
  auto at = next_url.rfind("/query/");
  if (at == std::string::npos)
    return std::nullopt;
  std::string locator = next_url.substr(at + 7);
  static const std::regex shape("^[A-Za-z0-9]{15,18}-[0-9]{1,9}$");
  if (!std::regex_match(locator, shape))
    return std::nullopt;
  return locator;
}

ah::JsonObject fetch(ah::Context& ctx, const std::string& soql, const std::string& locator) {
  ah::Pairs headers{{"Sforce-Query-Options", kBatchOption}};
  auto response = locator == "q" ? ctx.proxy().get("/query", {{"q", soql}}, headers)
                                 : ctx.proxy().get("/query/" + locator, {}, headers);
  if (!response.ok()) {
    if (locator != "q" && (response.status == 404 || response.status == 400))
      throw ah::ToolError("cursor: Salesforce no longer has these results (query cursors expire "
                          "after 15 minutes); start again without a cursor");
    fail(response, "run the query");
  }
  return response.json_object();
}

} // namespace

std::string quote(const std::string& text) {
  return "'" + escaped(text, false) + "'";
}

std::string quote_prefix(const std::string& text) {
  return "'" + escaped(text, true) + "%'";
}

std::string datetime_literal(const ah::DateTime& time) {
  return Poco::DateTimeFormatter::format(time.timestamp(), "%Y-%m-%dT%H:%M:%SZ");
}

QueryPage query_page(ah::Context& ctx, const std::string& soql, std::int32_t limit,
                     const std::optional<std::string>& cursor) {
  Position at = parse_cursor(cursor);
  QueryPage page;
  auto wanted = static_cast<size_t>(limit);
  while (true) {
    auto batch = fetch(ctx, soql, at.locator);
    page.total = batch->optValue<std::int64_t>("totalSize", 0);
    auto records = batch->getArray("records");
    size_t count = records ? records->size() : 0;
    size_t i = at.skip;
    for (; i < count && page.records.size() < wanted; ++i)
      page.records.push_back(records->getObject(static_cast<unsigned>(i)));
    std::optional<std::string> next;
    if (!batch->optValue<bool>("done", true) && batch->has("nextRecordsUrl"))
      next = locator_of(batch->get("nextRecordsUrl").toString());
    if (i < count) { // the page is full inside this batch
      page.next_cursor = at.locator + "~" + std::to_string(i);
      return page;
    }
    if (!next)
      return page;
    if (page.records.size() == wanted) {
      page.next_cursor = *next + "~0";
      return page;
    }
    at = {*next, 0};
  }
}

std::vector<ah::JsonObject> query_all(ah::Context& ctx, const std::string& soql,
                                      const std::string& doing) {
  auto response = ctx.proxy().get("/query", {{"q", soql}});
  if (!response.ok())
    fail(response, doing);
  std::vector<ah::JsonObject> out;
  auto records = response.json_object()->getArray("records");
  for (size_t i = 0; records && i < records->size(); ++i)
    out.push_back(records->getObject(static_cast<unsigned>(i)));
  return out;
}

} // namespace salesforce
