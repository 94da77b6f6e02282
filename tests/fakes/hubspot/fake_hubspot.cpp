#include "fake_hubspot.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/String.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <set>
#include <sstream>

namespace actionhost::fakes {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const std::string kObjects = "/crm/v3/objects/";

const std::map<std::string, std::set<std::string>> kWritable = {
    {"contacts", {"email", "firstname", "lastname", "company", "phone", "jobtitle"}},
    {"deals", {"dealname", "dealstage", "pipeline", "closedate", "amount"}},
    {"notes", {"hs_timestamp", "hs_note_body"}}};

const std::set<std::string> kDealStages = {"appointmentscheduled",
                                           "qualifiedtobuy",
                                           "presentationscheduled",
                                           "decisionmakerboughtin",
                                           "contractsent",
                                           "closedwon",
                                           "closedlost"};

// The association type ids HubSpot defines for the pairs the fake knows: from -> to.
const std::map<std::pair<std::string, std::string>, int> kAssociationTypes = {
    {{"deals", "contacts"}, 3}, {{"notes", "contacts"}, 202}, {{"notes", "deals"}, 214}};

std::int64_t now_ms() {
  return Poco::Timestamp().epochMicroseconds() / 1000;
}

std::string iso(std::int64_t ms) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp(ms * 1000), "%Y-%m-%dT%H:%M:%S.%iZ");
}

std::string stringify(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

std::string email_of(const FakeHubSpot::Record& r) {
  auto found = r.properties.find("email");
  return found == r.properties.end() ? "" : found->second;
}

std::string error_body(const std::string& message, const std::string& category) {
  Object::Ptr body = new Object;
  body->set("status", "error");
  body->set("message", message);
  body->set("correlationId", "3d1c0d2e-fake-4bb5-8d6c-hubspot");
  body->set("category", category);
  return stringify(body);
}

// HubSpot takes date-time property values as epoch milliseconds or ISO 8601.
bool valid_datetime(const std::string& value) {
  if (!value.empty() && std::all_of(value.begin(), value.end(), ::isdigit))
    return true;
  return value.size() >= 20 && value[4] == '-' && value[10] == 'T' && value.back() == 'Z';
}

} // namespace

FakeHubSpot::FakeHubSpot(std::string access_token, std::string client_id, std::string client_secret,
                         std::string refresh_token)
    : tokens_(std::move(client_id), std::move(client_secret), std::move(refresh_token)),
      access_token_(std::move(access_token)) {
  server_.on("POST", "/oauth/v1/token", tokens_.route());
  for (std::string type : {"contacts", "deals", "notes"}) {
    server_.on("POST", kObjects + type,
               [this](const Request& r) { return api(r, &FakeHubSpot::create); });
    server_.on_prefix("GET", kObjects + type + "/",
                      [this](const Request& r) { return api(r, &FakeHubSpot::read); });
  }
  server_.on_prefix("PATCH", kObjects + "contacts/",
                    [this](const Request& r) { return api(r, &FakeHubSpot::update); });
  server_.on("POST", kObjects + "contacts/search",
             [this](const Request& r) { return api(r, &FakeHubSpot::search); });
}

void FakeHubSpot::expire_token() {
  std::lock_guard lock(mutex_);
  expired_ = true;
}

void FakeHubSpot::rate_limit(int count, int seconds) {
  std::lock_guard lock(mutex_);
  rate_limited_ = count;
  retry_after_ = seconds;
}

std::string FakeHubSpot::add_contact(std::map<std::string, std::string> properties,
                                     std::int64_t created_ms, std::int64_t updated_ms) {
  std::lock_guard lock(mutex_);
  Record record{std::to_string(next_id_++),
                std::move(properties),
                created_ms,
                updated_ms ? updated_ms : created_ms,
                {}};
  contacts_[record.id] = record;
  return record.id;
}

std::vector<FakeHubSpot::Record> FakeHubSpot::contacts() const {
  std::lock_guard lock(mutex_);
  std::vector<Record> out;
  for (const auto& [id, r] : contacts_)
    out.push_back(r);
  return out;
}

std::vector<FakeHubSpot::Record> FakeHubSpot::deals() const {
  std::lock_guard lock(mutex_);
  std::vector<Record> out;
  for (const auto& [id, r] : deals_)
    out.push_back(r);
  return out;
}

std::vector<FakeHubSpot::Record> FakeHubSpot::notes() const {
  std::lock_guard lock(mutex_);
  std::vector<Record> out;
  for (const auto& [id, r] : notes_)
    out.push_back(r);
  return out;
}

std::vector<std::string> FakeHubSpot::problems() const {
  std::lock_guard lock(mutex_);
  return problems_;
}

Reply FakeHubSpot::refuse(const std::string& why, int status, const std::string& category) {
  problems_.push_back(why);
  return Reply::json(error_body(why, category), status);
}

Reply FakeHubSpot::not_found() {
  return Reply::json(error_body("resource not found", "OBJECT_NOT_FOUND"), 404);
}

std::string FakeHubSpot::object_type(const std::string& path) const {
  std::string rest = path.substr(kObjects.size());
  return rest.substr(0, rest.find('/'));
}

std::map<std::string, FakeHubSpot::Record>* FakeHubSpot::table(const std::string& type) {
  if (type == "contacts")
    return &contacts_;
  if (type == "deals")
    return &deals_;
  if (type == "notes")
    return &notes_;
  return nullptr;
}

std::string FakeHubSpot::json_of(const Record& record, const std::string& type,
                                 const std::vector<std::string>& properties) const {
  Object::Ptr props = new Object;
  auto names = properties;
  if (names.empty())
    names = type == "contacts"
                ? std::vector<std::string>{"email", "firstname", "lastname"}
                : std::vector<std::string>(kWritable.at(type).begin(), kWritable.at(type).end());
  for (const auto& name : names)
    if (auto found = record.properties.find(name); found != record.properties.end())
      props->set(name, found->second);
  props->set("hs_object_id", record.id);
  props->set("createdate", iso(record.created_ms));
  props->set(type == "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate",
             iso(record.updated_ms));
  Object::Ptr out = new Object;
  out->set("id", record.id);
  out->set("properties", props);
  out->set("createdAt", iso(record.created_ms));
  out->set("updatedAt", iso(record.updated_ms));
  out->set("archived", false);
  return stringify(out);
}

Reply FakeHubSpot::api(const Request& request, Reply (FakeHubSpot::*handler)(const Request&)) {
  std::lock_guard lock(mutex_);
  if (rate_limited_ > 0) {
    --rate_limited_;
    Object::Ptr body = new Object;
    body->set("status", "error");
    body->set("message", "You have reached your secondly limit.");
    body->set("errorType", "RATE_LIMIT");
    body->set("correlationId", "3d1c0d2e-fake-4bb5-8d6c-hubspot");
    body->set("policyName", "SECONDLY");
    Reply reply = Reply::json(stringify(body), 429);
    reply.headers.emplace_back("Retry-After", std::to_string(retry_after_));
    return reply;
  }
  std::string auth = request.header("Authorization");
  if (auth.rfind("Bearer ", 0) != 0)
    return refuse("no Bearer token in Authorization", 401, "INVALID_AUTHENTICATION");
  std::string token = auth.substr(7);
  int grants = tokens_.grants();
  bool valid = (token == access_token_ && !expired_) ||
               (grants > 0 && token == "access-" + std::to_string(grants));
  if (!valid) {
    bool old = token == access_token_ || token.rfind("access-", 0) == 0;
    return Reply::json(
        old ? error_body("The OAuth token used to make this call expired 2 minute(s) ago.",
                         "EXPIRED_AUTHENTICATION")
            : error_body("Authentication credentials not found.", "INVALID_AUTHENTICATION"),
        401);
  }
  if ((request.method == "POST" || request.method == "PATCH") &&
      request.header("Content-Type").rfind("application/json", 0) != 0)
    return refuse(
        "Content-Type must be application/json, got '" + request.header("Content-Type") + "'", 415);
  return (this->*handler)(request);
}

namespace {

// The body as an object, or the reason it is not one.
Object::Ptr parse_body(const std::string& body, std::string& why) {
  try {
    Poco::JSON::Parser parser;
    auto value = parser.parse(body);
    if (value.type() == typeid(Object::Ptr))
      return value.extract<Object::Ptr>();
    why = "Invalid input JSON: expected an object";
  } catch (const Poco::Exception& e) {
    why = "Invalid input JSON on line 1: " + e.displayText();
  }
  return nullptr;
}

std::string invalid_property(const std::string& name, const std::string& message,
                             const std::string& error) {
  return "Property values were not valid: [{\"isValid\":false,\"message\":\"" + message +
         "\",\"error\":\"" + error + "\",\"name\":\"" + name + "\"}]";
}

} // namespace

Reply FakeHubSpot::create(const Request& request) {
  std::string type = object_type(request.path), why;
  auto body = parse_body(request.body, why);
  if (!body)
    return refuse(why);
  for (const auto& [key, value] : *body)
    if (key != "properties" && key != "associations")
      return refuse("Invalid input JSON: unknown field '" + key + "'");
  auto props = body->getObject("properties");
  if (!props)
    return refuse("Invalid input JSON: properties must be an object");
  Record record;
  for (const auto& [name, value] : *props) {
    if (!kWritable.at(type).count(name))
      return refuse(invalid_property(name, "Property \\\"" + name + "\\\" does not exist",
                                     "PROPERTY_DOESNT_EXIST"));
    if (!value.isString() && !value.isNumeric())
      return refuse(invalid_property(name, "expected a string", "INVALID_VALUE"));
    record.properties[name] = value.toString();
  }
  if (type == "contacts") {
    std::string email = record.properties["email"];
    for (const auto& [id, other] : contacts_)
      if (!email.empty() && Poco::icompare(email_of(other), email) == 0)
        return Reply::json(error_body("Contact already exists. Existing ID: " + id, "CONFLICT"),
                           409); // what HubSpot answers; not a problem of the client
  } else if (type == "deals") {
    for (const char* required : {"dealname", "dealstage"})
      if (record.properties[required].empty())
        return refuse(invalid_property(required, std::string(required) + " is required",
                                       "REQUIRED_PROPERTY"));
    if (record.properties.count("pipeline") && record.properties["pipeline"] != "default")
      return refuse(invalid_property("pipeline", "unknown pipeline", "INVALID_OPTION"));
    if (!kDealStages.count(record.properties["dealstage"]))
      // A stage the account does not have is the caller's mistake, answered as HubSpot does.
      return Reply::json(error_body(invalid_property("dealstage",
                                                     record.properties["dealstage"] +
                                                         " was not one of the allowed options",
                                                     "INVALID_OPTION"),
                                    "VALIDATION_ERROR"),
                         400);
    if (record.properties.count("closedate") && !valid_datetime(record.properties["closedate"]))
      return refuse(invalid_property("closedate", "invalid date", "INVALID_DATE"));
    if (record.properties.count("amount")) {
      try {
        std::stod(record.properties["amount"]);
      } catch (const std::exception&) {
        return refuse(invalid_property("amount", "not a number", "INVALID_DECIMAL"));
      }
    }
  } else if (type == "notes") {
    if (!valid_datetime(record.properties["hs_timestamp"]))
      return refuse(invalid_property("hs_timestamp", "hs_timestamp is required as a date-time",
                                     "REQUIRED_PROPERTY"));
  }
  if (auto associations = body->getArray("associations")) {
    for (size_t i = 0; i < associations->size(); ++i) {
      auto a = associations->getObject(static_cast<unsigned>(i));
      auto to = a ? a->getObject("to") : nullptr;
      auto types = a ? a->getArray("types") : nullptr;
      if (!to || !to->has("id") || !types || types->size() != 1)
        return refuse("Invalid input JSON: associations[" + std::to_string(i) +
                      "] needs to.id and types");
      auto t = types->getObject(0);
      std::string category = t ? t->optValue<std::string>("associationCategory", "") : "";
      int type_id = t ? t->optValue<int>("associationTypeId", 0) : 0;
      std::string to_id = to->get("id").toString();
      std::string to_type;
      for (const auto& [pair, id] : kAssociationTypes)
        if (pair.first == type && id == type_id)
          to_type = pair.second;
      if (category != "HUBSPOT_DEFINED" || to_type.empty())
        return refuse("associations[" + std::to_string(i) + "]: association type " +
                      std::to_string(type_id) + " (" + category + ") is not defined for " + type);
      if (!table(to_type)->count(to_id))
        return refuse("associations[" + std::to_string(i) + "]: " + to_type + " " + to_id +
                      " does not exist");
      record.associations.emplace_back(to_id, type_id);
    }
  }
  record.id = std::to_string(next_id_++);
  record.created_ms = record.updated_ms = now_ms();
  (*table(type))[record.id] = record;
  std::vector<std::string> names;
  for (const auto& [name, value] : record.properties)
    names.push_back(name);
  return Reply::json(json_of(record, type, names), 201);
}

Reply FakeHubSpot::read(const Request& request) {
  std::string type = object_type(request.path);
  std::string id = request.path.substr(request.path.rfind('/') + 1);
  auto* records = table(type);
  auto found = records->find(id);
  if (found == records->end())
    return not_found();
  std::vector<std::string> names;
  std::istringstream list(request.param("properties"));
  for (std::string name; std::getline(list, name, ',');)
    if (!name.empty())
      names.push_back(name);
  return Reply::json(json_of(found->second, type, names));
}

Reply FakeHubSpot::update(const Request& request) {
  std::string id = request.path.substr(request.path.rfind('/') + 1), why;
  auto body = parse_body(request.body, why);
  if (!body)
    return refuse(why);
  auto props = body->getObject("properties");
  if (!props || body->size() != 1)
    return refuse("Invalid input JSON: expected {\"properties\": {...}}");
  auto found = contacts_.find(id);
  if (found == contacts_.end())
    return not_found();
  std::map<std::string, std::string> changes;
  for (const auto& [name, value] : *props) {
    if (!kWritable.at("contacts").count(name))
      return refuse(invalid_property(name, "Property \\\"" + name + "\\\" does not exist",
                                     "PROPERTY_DOESNT_EXIST"));
    changes[name] = value.toString();
  }
  if (changes.count("email"))
    for (const auto& [other_id, other] : contacts_)
      if (other_id != id && Poco::icompare(email_of(other), changes["email"]) == 0)
        return Reply::json(
            error_body("Contact already exists. Existing ID: " + other_id, "CONFLICT"), 409);
  for (const auto& [name, value] : changes)
    found->second.properties[name] = value;
  found->second.updated_ms = now_ms();
  std::vector<std::string> names;
  for (const auto& [name, value] : changes)
    names.push_back(name);
  return Reply::json(json_of(found->second, "contacts", names));
}

} // namespace actionhost::fakes
