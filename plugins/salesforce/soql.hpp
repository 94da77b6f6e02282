// SOQL: quoting values into a query, and reading a query's results page by page through
// /query and nextRecordsUrl, cut into pages of the caller's size.
#pragma once

#include <crm/crm.hpp>

namespace salesforce {

// 'text' as a SOQL string literal: quotes, backslashes and control characters escaped.
std::string quote(const std::string& text);
// 'text%' for LIKE: as quote(), plus LIKE's own wildcards (% and _) escaped, so they match only
// themselves.
std::string quote_prefix(const std::string& text);
// A SOQL dateTime literal in UTC, to the second (2024-05-01T09:30:00Z).
std::string datetime_literal(const ah::DateTime& time);

// One page of a query: at most `limit` records from where `cursor` points (absent: the start).
// The cursor is "<query locator>~<records to skip>", "q~<n>" while in the first batch: Salesforce
// hands out batches of at least 200 records, larger than a page.
struct QueryPage {
  std::vector<ah::JsonObject> records;
  std::optional<std::string> next_cursor;
  std::int64_t total = 0;
};
QueryPage query_page(ah::Context& ctx, const std::string& soql, std::int32_t limit,
                     const std::optional<std::string>& cursor);
// Every record of a short query (an id lookup), first batch only.
std::vector<ah::JsonObject> query_all(ah::Context& ctx, const std::string& soql,
                                      const std::string& doing);

} // namespace salesforce
