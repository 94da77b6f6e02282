#include "fake_salesforce.hpp"

#include "soql.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

namespace actionhost::fakes {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

struct Type {
  std::string prefix;                                         // the id's key prefix
  std::set<std::string> writable;                             // fields a client may set
  std::set<std::string> required;                             // on create
  std::map<std::string, std::vector<std::string>> references; // field -> types it may point to
  std::set<std::string> readable; // fields a query may name (besides writable ones)
};

const std::map<std::string, Type>& types() {
  static const std::map<std::string, Type> all = {
      {"Contact",
       {"003",
        {"Email", "FirstName", "LastName", "Phone", "Title", "AccountId"},
        {"LastName"},
        {{"AccountId", {"Account"}}},
        {"Id", "Account.Name", "CreatedDate", "LastModifiedDate", "Name"}}},
      {"Account", {"001", {"Name"}, {"Name"}, {}, {"Id", "CreatedDate", "LastModifiedDate"}}},
      {"Opportunity",
       {"006",
        {"Name", "StageName", "CloseDate", "Amount", "AccountId"},
        {"Name", "StageName", "CloseDate"},
        {{"AccountId", {"Account"}}},
        {"Id", "CreatedDate", "LastModifiedDate"}}},
      {"OpportunityContactRole",
       {"00K",
        {"OpportunityId", "ContactId", "IsPrimary", "Role"},
        {"OpportunityId", "ContactId"},
        {{"OpportunityId", {"Opportunity"}}, {"ContactId", {"Contact"}}},
        {"Id"}}},
      {"Note",
       {"002",
        {"ParentId", "Title", "Body", "IsPrivate"},
        {"ParentId", "Title"},
        {{"ParentId", {"Contact", "Opportunity", "Account"}}},
        {"Id", "CreatedDate"}}}};
  return all;
}

const std::set<std::string> kStages = {
    "Prospecting",         "Qualification",       "Needs Analysis",       "Value Proposition",
    "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review",
    "Closed Won",          "Closed Lost"};

std::int64_t now_ms() {
  return Poco::Timestamp().epochMicroseconds() / 1000;
}

std::string sf_time(std::int64_t ms) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp(ms * 1000), "%Y-%m-%dT%H:%M:%S.%i+0000");
}

std::string stringify(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

bool valid_id_text(const std::string& id) {
  return (id.size() == 15 || id.size() == 18) &&
         std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c); });
}

} // namespace

FakeSalesforce::FakeSalesforce(std::string access_token, std::string client_id,
                               std::string client_secret, std::string refresh_token)
    : tokens_(std::move(client_id), std::move(client_secret), std::move(refresh_token)),
      access_token_(std::move(access_token)) {
  std::string api = kApi;
  server_.on("POST", "/services/oauth2/token", tokens_.route());
  server_.on("GET", api + "/query",
             [this](const Request& r) { return this->api(r, &FakeSalesforce::query); });
  server_.on_prefix("GET", api + "/query/",
                    [this](const Request& r) { return this->api(r, &FakeSalesforce::more); });
  for (const auto& [type, spec] : types()) {
    server_.on("POST", api + "/sobjects/" + type,
               [this](const Request& r) { return this->api(r, &FakeSalesforce::create); });
    server_.on_prefix("GET", api + "/sobjects/" + type + "/",
                      [this](const Request& r) { return this->api(r, &FakeSalesforce::read); });
    server_.on_prefix("PATCH", api + "/sobjects/" + type + "/",
                      [this](const Request& r) { return this->api(r, &FakeSalesforce::update); });
  }
}

void FakeSalesforce::expire_token() {
  std::lock_guard lock(mutex_);
  expired_ = true;
}

void FakeSalesforce::rate_limit(int count, int seconds) {
  std::lock_guard lock(mutex_);
  rate_limited_ = count;
  retry_after_ = seconds;
}

std::string FakeSalesforce::new_id(const std::string& type) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%012lld", static_cast<long long>(next_id_++));
  return types().at(type).prefix + digits + "AAA";
}

std::string FakeSalesforce::add(const std::string& type, std::map<std::string, std::string> fields,
                                std::int64_t created_ms, std::int64_t updated_ms) {
  std::lock_guard lock(mutex_);
  Record r{new_id(type), std::move(fields), created_ms, updated_ms ? updated_ms : created_ms};
  tables_[type][r.id.substr(0, 15)] = r;
  return r.id;
}

std::vector<FakeSalesforce::Record> FakeSalesforce::records(const std::string& type) const {
  std::lock_guard lock(mutex_);
  std::vector<Record> out;
  if (auto t = tables_.find(type); t != tables_.end())
    for (const auto& [id, r] : t->second)
      out.push_back(r);
  return out;
}

std::vector<std::string> FakeSalesforce::queries() const {
  std::lock_guard lock(mutex_);
  return queries_;
}

std::vector<std::string> FakeSalesforce::problems() const {
  std::lock_guard lock(mutex_);
  return problems_;
}

Reply FakeSalesforce::error(const std::string& code, const std::string& message,
                            const std::vector<std::string>& fields, int status) const {
  Object::Ptr e = new Object;
  e->set("message", message);
  e->set("errorCode", code);
  Array::Ptr names = new Array;
  for (const auto& f : fields)
    names->add(f);
  e->set("fields", names);
  Array::Ptr body = new Array;
  body->add(e);
  return Reply::json(stringify(body), status);
}

Reply FakeSalesforce::refuse(const std::string& code, const std::string& message,
                             const std::vector<std::string>& fields, int status) {
  problems_.push_back(code + ": " + message);
  return error(code, message, fields, status);
}

FakeSalesforce::Record* FakeSalesforce::find(const std::string& type, const std::string& id) {
  if (!valid_id_text(id))
    return nullptr;
  auto t = tables_.find(type);
  if (t == tables_.end())
    return nullptr;
  auto r = t->second.find(id.substr(0, 15));
  return r == t->second.end() ? nullptr : &r->second;
}

std::string FakeSalesforce::record_json(const std::string& type, const Record& r,
                                        const std::vector<std::string>& fields) const {
  Object::Ptr out = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  Object::Ptr attributes = new Object;
  attributes->set("type", type);
  attributes->set("url", std::string(kApi) + "/sobjects/" + type + "/" + r.id);
  out->set("attributes", attributes);
  for (const auto& field : fields) {
    if (field == "Id") {
      out->set("Id", r.id);
    } else if (field == "CreatedDate") {
      out->set(field, sf_time(r.created_ms));
    } else if (field == "LastModifiedDate") {
      out->set(field, sf_time(r.updated_ms));
    } else if (field == "Account.Name") {
      auto account = r.fields.find("AccountId");
      const Record* a = nullptr;
      if (account != r.fields.end())
        if (auto t = tables_.find("Account"); t != tables_.end())
          if (auto found = t->second.find(account->second.substr(0, 15)); found != t->second.end())
            a = &found->second;
      if (!a) {
        out->set("Account", Poco::Dynamic::Var());
        continue;
      }
      Object::Ptr nested = new Object;
      Object::Ptr nested_attributes = new Object;
      nested_attributes->set("type", "Account");
      nested_attributes->set("url", std::string(kApi) + "/sobjects/Account/" + a->id);
      nested->set("attributes", nested_attributes);
      nested->set("Name", a->fields.count("Name") ? a->fields.at("Name") : "");
      out->set("Account", nested);
    } else if (auto v = r.fields.find(field); v != r.fields.end()) {
      if (field == "Amount")
        out->set(field, std::stod(v->second));
      else if (field == "IsPrimary" || field == "IsPrivate")
        out->set(field, v->second == "true");
      else
        out->set(field, v->second);
    } else {
      out->set(field, Poco::Dynamic::Var());
    }
  }
  return stringify(out);
}

Reply FakeSalesforce::api(const Request& request,
                          Reply (FakeSalesforce::*handler)(const Request&)) {
  std::lock_guard lock(mutex_);
  if (rate_limited_ > 0) {
    --rate_limited_;
    Reply reply = error("REQUEST_LIMIT_EXCEEDED", "Too many requests; try again later", {}, 429);
    reply.headers.emplace_back("Retry-After", std::to_string(retry_after_));
    return reply;
  }
  std::string auth = request.header("Authorization");
  if (auth.rfind("Bearer ", 0) != 0)
    return refuse("INVALID_SESSION_ID", "no Bearer token in Authorization", {}, 401);
  std::string token = auth.substr(7);
  int grants = tokens_.grants();
  bool valid = (token == access_token_ && !expired_) ||
               (grants > 0 && token == "access-" + std::to_string(grants));
  if (!valid)
    return error("INVALID_SESSION_ID", "Session expired or invalid", {}, 401);
  if ((request.method == "POST" || request.method == "PATCH") &&
      request.header("Content-Type").rfind("application/json", 0) != 0)
    return refuse("UNSUPPORTED_MEDIA_TYPE",
                  "Content-Type must be application/json, got '" + request.header("Content-Type") +
                      "'",
                  {}, 415);
  return (this->*handler)(request);
}

namespace {

std::string type_of(const std::string& path) {
  std::string rest = path.substr(path.find("/sobjects/") + 10);
  return rest.substr(0, rest.find('/'));
}

} // namespace

Reply FakeSalesforce::create(const Request& request) {
  std::string type = type_of(request.path);
  const Type& spec = types().at(type);
  Object::Ptr body;
  try {
    Poco::JSON::Parser parser;
    auto value = parser.parse(request.body);
    if (value.type() == typeid(Object::Ptr))
      body = value.extract<Object::Ptr>();
  } catch (const Poco::Exception& e) {
    return refuse("JSON_PARSER_ERROR", e.displayText());
  }
  if (!body)
    return refuse("JSON_PARSER_ERROR", "expected a JSON object");
  Record r;
  for (const auto& [name, value] : *body) {
    if (!spec.writable.count(name))
      return refuse("INVALID_FIELD", "No such column '" + name + "' on sobject of type " + type,
                    {name});
    bool number = name == "Amount", boolean = name == "IsPrimary" || name == "IsPrivate";
    if ((number && !value.isNumeric()) || (boolean && !value.isBoolean()) ||
        (!number && !boolean && !value.isString()))
      return refuse("JSON_PARSER_ERROR", "Cannot deserialize value of field " + name, {name});
    r.fields[name] = value.toString();
  }
  for (const auto& name : spec.required)
    if (r.fields[name].empty())
      return refuse("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + name + "]",
                    {name});
  for (const auto& [field, targets] : spec.references) {
    auto v = r.fields.find(field);
    if (v == r.fields.end())
      continue;
    bool exists = std::any_of(targets.begin(), targets.end(),
                              [&](const std::string& t) { return find(t, v->second) != nullptr; });
    if (!exists)
      return refuse("FIELD_INTEGRITY_EXCEPTION",
                    field + ": id value of incorrect type: " + v->second, {field});
  }
  if (type == "Opportunity") {
    if (!kStages.count(r.fields["StageName"])) // the caller's mistake, answered as Salesforce does
      return error("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                   "Stage: bad value for restricted picklist field: " + r.fields["StageName"],
                   {"StageName"});
    const std::string& date = r.fields["CloseDate"];
    if (date.size() != 10 || date[4] != '-' || date[7] != '-')
      return refuse("INVALID_TYPE_ON_FIELD_IN_RECORD", "Close Date: value not of required type",
                    {"CloseDate"});
  }
  if (type == "Note" && r.fields["Title"].size() > 80)
    return refuse("STRING_TOO_LONG", "Title: data value too large (max length=80)", {"Title"});
  if (type == "Note" && r.fields["Body"].size() > 32000)
    return refuse("STRING_TOO_LONG", "Body: data value too large (max length=32000)", {"Body"});
  r.id = new_id(type);
  r.created_ms = r.updated_ms = now_ms();
  tables_[type][r.id.substr(0, 15)] = r;
  Object::Ptr out = new Object;
  out->set("id", r.id);
  out->set("success", true);
  out->set("errors", Array::Ptr(new Array));
  return Reply::json(stringify(out), 201);
}

Reply FakeSalesforce::read(const Request& request) {
  std::string type = type_of(request.path);
  std::string id = request.path.substr(request.path.rfind('/') + 1);
  Record* r = find(type, id);
  if (!r)
    return error("NOT_FOUND", "The requested resource does not exist", {}, 404);
  std::vector<std::string> fields;
  std::istringstream list(request.param("fields"));
  for (std::string f; std::getline(list, f, ',');)
    if (!f.empty())
      fields.push_back(f);
  if (fields.empty()) {
    fields = {"Id", "CreatedDate", "LastModifiedDate"};
    for (const auto& f : types().at(type).writable)
      fields.push_back(f);
  }
  for (const auto& f : fields)
    if (f != "Id" && f != "CreatedDate" && f != "LastModifiedDate" &&
        !types().at(type).writable.count(f))
      return refuse("INVALID_FIELD", "No such column '" + f + "' on entity '" + type + "'", {f});
  return Reply::json(record_json(type, *r, fields));
}

Reply FakeSalesforce::update(const Request& request) {
  std::string type = type_of(request.path);
  std::string id = request.path.substr(request.path.rfind('/') + 1);
  Object::Ptr body;
  try {
    Poco::JSON::Parser parser;
    auto value = parser.parse(request.body);
    if (value.type() == typeid(Object::Ptr))
      body = value.extract<Object::Ptr>();
  } catch (const Poco::Exception& e) {
    return refuse("JSON_PARSER_ERROR", e.displayText());
  }
  if (!body)
    return refuse("JSON_PARSER_ERROR", "expected a JSON object");
  Record* r = find(type, id);
  if (!r)
    return error("NOT_FOUND", "The requested resource does not exist", {}, 404);
  const Type& spec = types().at(type);
  std::map<std::string, std::string> changes;
  for (const auto& [name, value] : *body) {
    if (!spec.writable.count(name))
      return refuse("INVALID_FIELD", "No such column '" + name + "' on sobject of type " + type,
                    {name});
    if (!value.isString())
      return refuse("JSON_PARSER_ERROR", "Cannot deserialize value of field " + name, {name});
    changes[name] = value.toString();
  }
  for (const auto& [field, targets] : spec.references)
    if (auto v = changes.find(field); v != changes.end())
      if (std::none_of(targets.begin(), targets.end(),
                       [&](const std::string& t) { return find(t, v->second) != nullptr; }))
        return refuse("FIELD_INTEGRITY_EXCEPTION",
                      field + ": id value of incorrect type: " + v->second, {field});
  if (changes.count("LastName") && changes["LastName"].empty())
    return refuse("REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]",
                  {"LastName"});
  for (const auto& [name, value] : changes)
    r->fields[name] = value;
  r->updated_ms = now_ms();
  return Reply{204, {}, ""};
}

Reply FakeSalesforce::query(const Request& request) {
  std::string text = request.param("q");
  queries_.push_back(text);
  if (text.empty())
    return refuse("MALFORMED_QUERY", "the q parameter is required");
  soql::Query q;
  try {
    q = soql::parse(text);
  } catch (const soql::QueryError& e) {
    return refuse(e.code, e.what());
  }
  if (!types().count(q.object))
    return refuse("INVALID_TYPE", "sObject type '" + q.object + "' is not supported.");
  const Type& spec = types().at(q.object);
  auto known = [&](const std::string& f) {
    return spec.writable.count(f) || spec.readable.count(f);
  };
  for (const auto& f : q.fields)
    if (!known(f))
      return refuse("INVALID_FIELD", "No such column '" + f + "' on entity '" + q.object + "'");
  for (const auto& [f, descending] : q.order_by)
    if (!known(f))
      return refuse("INVALID_FIELD", "No such column '" + f + "' on entity '" + q.object + "'");
  std::size_t batch_size = 2000;
  std::string options = request.header("Sforce-Query-Options");
  if (!options.empty()) {
    if (options.rfind("batchSize=", 0) != 0)
      return refuse("INVALID_HEADER", "Sforce-Query-Options: expected batchSize=<200-2000>");
    batch_size = std::stoul(options.substr(10));
    if (batch_size < 200 || batch_size > 2000)
      return refuse("INVALID_HEADER", "batchSize must be between 200 and 2000");
  }

  std::vector<const Record*> rows;
  try {
    for (const auto& [id, r] : tables_[q.object]) {
      auto lookup = [&, rec = &r](const std::string& field) {
        soql::Value v;
        if (!known(field))
          throw soql::QueryError("INVALID_FIELD",
                                 "No such column '" + field + "' on entity '" + q.object + "'");
        if (field == "CreatedDate" || field == "LastModifiedDate") {
          v.kind = soql::Value::Kind::datetime;
          v.datetime = field == "CreatedDate" ? rec->created_ms : rec->updated_ms;
        } else if (field == "Id") {
          v.kind = soql::Value::Kind::text;
          v.text = rec->id;
        } else if (field == "Account.Name") {
          auto account = rec->fields.find("AccountId");
          Record* a = account == rec->fields.end() ? nullptr : find("Account", account->second);
          if (a) {
            v.kind = soql::Value::Kind::text;
            v.text = a->fields["Name"];
          }
        } else if (auto f = rec->fields.find(field); f != rec->fields.end() && !f->second.empty()) {
          v.kind = field == "Amount" ? soql::Value::Kind::number : soql::Value::Kind::text;
          v.text = f->second;
          if (field == "Amount")
            v.number = std::stod(f->second);
        }
        v.wild.assign(v.text.size(), false);
        return v;
      };
      if (soql::matches(q, lookup))
        rows.push_back(&r);
    }
  } catch (const soql::QueryError& e) {
    return refuse(e.code, e.what());
  }
  // ORDER BY reads plain values (dates as dates, the rest as text).
  auto lookup_of = [&](const Record* rec) {
    return [&, rec](const std::string& field) {
      soql::Value v;
      if (field == "CreatedDate" || field == "LastModifiedDate") {
        v.kind = soql::Value::Kind::datetime;
        v.datetime = field == "CreatedDate" ? rec->created_ms : rec->updated_ms;
      } else {
        v.kind = soql::Value::Kind::text;
        v.text = field == "Id" ? rec->id : rec->fields.count(field) ? rec->fields.at(field) : "";
      }
      return v;
    };
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const Record* a, const Record* b) {
    int c = soql::compare(q, lookup_of(a), lookup_of(b));
    return c != 0 ? c < 0 : a->id < b->id;
  });
  if (q.limit && rows.size() > *q.limit)
    rows.resize(*q.limit);
  Cursor cursor;
  cursor.batch = batch_size;
  for (const Record* r : rows)
    cursor.records.push_back(record_json(q.object, *r, q.fields));
  char locator[32];
  std::snprintf(locator, sizeof locator, "01g%012lldAAA", static_cast<long long>(next_id_++));
  cursors_[locator] = std::move(cursor);
  return batch(locator, 0);
}

Reply FakeSalesforce::more(const Request& request) {
  std::string rest = request.path.substr(request.path.rfind('/') + 1);
  auto dash = rest.rfind('-');
  auto found = dash == std::string::npos ? cursors_.end() : cursors_.find(rest.substr(0, dash));
  std::string offset = dash == std::string::npos ? "" : rest.substr(dash + 1);
  if (found == cursors_.end() || offset.empty() ||
      !std::all_of(offset.begin(), offset.end(), ::isdigit) ||
      std::stoul(offset) > found->second.records.size())
    return refuse("INVALID_QUERY_LOCATOR", "invalid query locator");
  return batch(found->first, std::stoul(offset));
}

Reply FakeSalesforce::batch(const std::string& locator, std::size_t offset) {
  const Cursor& cursor = cursors_.at(locator);
  std::size_t end = std::min(cursor.records.size(), offset + cursor.batch);
  std::string records;
  for (std::size_t i = offset; i < end; ++i)
    records += (i > offset ? "," : "") + cursor.records[i];
  bool done = end >= cursor.records.size();
  std::string body = "{\"totalSize\":" + std::to_string(cursor.records.size()) +
                     ",\"done\":" + (done ? "true" : "false");
  if (!done)
    body += ",\"nextRecordsUrl\":\"" + std::string(kApi) + "/query/" + locator + "-" +
            std::to_string(end) + "\"";
  return Reply::json(body + ",\"records\":[" + records + "]}");
}

} // namespace actionhost::fakes
