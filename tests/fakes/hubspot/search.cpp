// POST /crm/v3/objects/contacts/search: HubSpot's limits on the request (5 filter groups, 6
// filters each, 18 in all, one sort, limit up to 200, 10,000 results reachable), its operators
// and its `after` cursor.
#include "fake_hubspot.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/String.h>

#include <algorithm>
#include <set>
#include <sstream>

namespace actionhost::fakes {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const std::set<std::string> kOperators = {"EQ",
                                          "NEQ",
                                          "LT",
                                          "LTE",
                                          "GT",
                                          "GTE",
                                          "BETWEEN",
                                          "IN",
                                          "NOT_IN",
                                          "HAS_PROPERTY",
                                          "NOT_HAS_PROPERTY",
                                          "CONTAINS_TOKEN",
                                          "NOT_CONTAINS_TOKEN"};

struct Filter {
  std::string property, op, value;
};

std::optional<std::string> value_of(const FakeHubSpot::Record& r, const std::string& property) {
  if (property == "lastmodifieddate")
    return std::to_string(r.updated_ms);
  if (property == "createdate")
    return std::to_string(r.created_ms);
  if (property == "hs_object_id")
    return r.id;
  auto found = r.properties.find(property);
  if (found == r.properties.end() || found->second.empty())
    return std::nullopt;
  return found->second;
}

bool is_number(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), ::isdigit);
}

int compare(const std::string& a, const std::string& b) {
  if (is_number(a) && is_number(b) && a.size() < 19 && b.size() < 19) {
    long long x = std::stoll(a), y = std::stoll(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Poco::icompare(a, b);
}

// A token matches exactly, or by prefix when the value ends with '*'.
bool contains_token(const std::string& text, const std::string& value) {
  bool prefix = !value.empty() && value.back() == '*';
  std::string want = Poco::toLower(prefix ? value.substr(0, value.size() - 1) : value);
  std::string lower = Poco::toLower(text);
  if (prefix ? lower.rfind(want, 0) == 0 : lower == want)
    return true;
  std::istringstream words(lower);
  for (std::string word; words >> word;)
    if (prefix ? word.rfind(want, 0) == 0 : word == want)
      return true;
  return false;
}

bool matches(const FakeHubSpot::Record& r, const Filter& f) {
  auto v = value_of(r, f.property);
  if (f.op == "HAS_PROPERTY")
    return v.has_value();
  if (f.op == "NOT_HAS_PROPERTY")
    return !v.has_value();
  if (!v)
    return f.op == "NEQ" || f.op == "NOT_CONTAINS_TOKEN";
  int c = compare(*v, f.value);
  if (f.op == "EQ")
    return c == 0;
  if (f.op == "NEQ")
    return c != 0;
  if (f.op == "LT")
    return c < 0;
  if (f.op == "LTE")
    return c <= 0;
  if (f.op == "GT")
    return c > 0;
  if (f.op == "GTE")
    return c >= 0;
  if (f.op == "CONTAINS_TOKEN")
    return contains_token(*v, f.value);
  if (f.op == "NOT_CONTAINS_TOKEN")
    return !contains_token(*v, f.value);
  return false; // BETWEEN, IN, NOT_IN: not used by the plugins, refused below
}

} // namespace

Reply FakeHubSpot::search(const Request& request) {
  Object::Ptr body;
  try {
    Poco::JSON::Parser parser;
    auto value = parser.parse(request.body);
    if (value.type() == typeid(Object::Ptr))
      body = value.extract<Object::Ptr>();
  } catch (const Poco::Exception& e) {
    return refuse("Invalid input JSON: " + e.displayText());
  }
  if (!body)
    return refuse("Invalid input JSON: expected an object");
  for (const auto& [key, value] : *body)
    if (key != "filterGroups" && key != "sorts" && key != "query" && key != "properties" &&
        key != "limit" && key != "after")
      return refuse("Invalid input JSON: unknown field '" + key + "'");

  std::vector<std::vector<Filter>> groups;
  if (body->has("filterGroups")) {
    auto list = body->getArray("filterGroups");
    if (!list)
      return refuse("filterGroups must be an array");
    if (list->size() > 5)
      return refuse("Too many filter groups (" + std::to_string(list->size()) + "); at most 5");
    size_t total = 0;
    for (size_t g = 0; g < list->size(); ++g) {
      auto group = list->getObject(static_cast<unsigned>(g));
      auto filters = group ? group->getArray("filters") : nullptr;
      if (!filters || filters->size() == 0)
        return refuse("filterGroups[" + std::to_string(g) + "].filters must be a non-empty array");
      if (filters->size() > 6)
        return refuse("Too many filters in filterGroups[" + std::to_string(g) + "]; at most 6");
      total += filters->size();
      std::vector<Filter> parsed;
      for (size_t i = 0; i < filters->size(); ++i) {
        auto f = filters->getObject(static_cast<unsigned>(i));
        if (!f || !f->has("propertyName") || !f->has("operator"))
          return refuse("each filter needs propertyName and operator");
        Filter filter{f->getValue<std::string>("propertyName"),
                      f->getValue<std::string>("operator"), f->optValue<std::string>("value", "")};
        if (!kOperators.count(filter.op))
          return refuse("Unknown operator '" + filter.op + "'");
        if (filter.op == "BETWEEN" || filter.op == "IN" || filter.op == "NOT_IN")
          return refuse("the fake does not implement " + filter.op);
        if (filter.op != "HAS_PROPERTY" && filter.op != "NOT_HAS_PROPERTY" && !f->has("value"))
          return refuse("filter on " + filter.property + " with " + filter.op + " needs a value");
        parsed.push_back(filter);
      }
      groups.push_back(parsed);
    }
    if (total > 18)
      return refuse("Too many filters (" + std::to_string(total) + "); at most 18 in all");
  }
  int limit = 10;
  if (body->has("limit")) {
    if (!body->get("limit").isInteger())
      return refuse("limit must be an integer");
    limit = body->getValue<int>("limit");
    if (limit < 1 || limit > 200)
      return refuse("limit must be between 1 and 200, got " + std::to_string(limit));
  }
  size_t offset = 0;
  if (body->has("after")) {
    std::string after = body->get("after").toString();
    if (!is_number(after))
      return refuse("after must be the paging.next.after of a previous page, got '" + after + "'");
    offset = std::stoul(after);
  }
  if (offset + static_cast<size_t>(limit) > 10000)
    return refuse("the search API reaches only the first 10,000 results");
  std::optional<std::pair<std::string, bool>> sort; // property, descending
  if (auto sorts = body->getArray("sorts")) {
    if (sorts->size() > 1)
      return refuse("Only one sort is supported");
    if (sorts->size() == 1) {
      auto s = sorts->getObject(0);
      std::string direction = s ? s->optValue<std::string>("direction", "") : "";
      if (!s || !s->has("propertyName") || (direction != "ASCENDING" && direction != "DESCENDING"))
        return refuse("a sort needs propertyName and direction ASCENDING or DESCENDING");
      sort = {{s->getValue<std::string>("propertyName"), direction == "DESCENDING"}};
    }
  }
  std::vector<std::string> names;
  if (auto properties = body->getArray("properties"))
    for (size_t i = 0; i < properties->size(); ++i)
      names.push_back(properties->getElement<std::string>(static_cast<unsigned>(i)));

  std::vector<Record> found;
  for (const auto& [id, record] : contacts_) {
    bool any = groups.empty();
    for (const auto& group : groups)
      any = any || std::all_of(group.begin(), group.end(),
                               [&](const Filter& f) { return matches(record, f); });
    if (any)
      found.push_back(record);
  }
  std::stable_sort(found.begin(), found.end(), [&](const Record& a, const Record& b) {
    if (sort) {
      auto x = value_of(a, sort->first).value_or(""), y = value_of(b, sort->first).value_or("");
      int c = compare(x, y);
      if (c != 0)
        return sort->second ? c > 0 : c < 0;
    }
    return std::stoll(a.id) < std::stoll(b.id);
  });

  Object::Ptr out = new Object;
  out->set("total", static_cast<int>(found.size()));
  Array::Ptr results = new Array;
  for (size_t i = offset; i < found.size() && i < offset + static_cast<size_t>(limit); ++i) {
    Poco::JSON::Parser parser;
    results->add(parser.parse(json_of(found[i], "contacts", names)));
  }
  out->set("results", results);
  if (offset + static_cast<size_t>(limit) < found.size()) {
    std::string after = std::to_string(offset + static_cast<size_t>(limit));
    Object::Ptr next = new Object;
    next->set("after", after);
    next->set("link", "?after=" + after);
    Object::Ptr paging = new Object;
    paging->set("next", next);
    out->set("paging", paging);
  }
  std::ostringstream text;
  Poco::JSON::Stringifier::condense(out, text);
  return Reply::json(text.str());
}

} // namespace actionhost::fakes
