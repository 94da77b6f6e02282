// What gets sealed: the credentials as a small JSON object holding only the fields that are set.
#include "sql_store.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace actionhost::store {
namespace detail {

std::string encode_credentials(const Credentials& credentials) {
  Poco::JSON::Object object;
  auto put = [&](const char* name, const std::string& value) {
    if (!value.empty())
      object.set(name, value);
  };
  put("api_key", credentials.api_key);
  put("username", credentials.username);
  put("password", credentials.password);
  put("access_token", credentials.access_token);
  put("refresh_token", credentials.refresh_token);
  put("token_type", credentials.token_type);
  put("raw_token_response", credentials.raw_token_response);
  if (credentials.expires_at)
    object.set("expires_at", static_cast<Poco::Int64>(to_micros(*credentials.expires_at)));
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

Credentials decode_credentials(const std::string& json) {
  auto object = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
  auto get = [&](const char* name) { return object->optValue<std::string>(name, ""); };
  Credentials credentials;
  credentials.api_key = get("api_key");
  credentials.username = get("username");
  credentials.password = get("password");
  credentials.access_token = get("access_token");
  credentials.refresh_token = get("refresh_token");
  credentials.token_type = get("token_type");
  credentials.raw_token_response = get("raw_token_response");
  if (object->has("expires_at"))
    credentials.expires_at = from_micros(object->getValue<Poco::Int64>("expires_at"));
  return credentials;
}

// Length-prefixed, so ("ab", "c") and ("a", "bc") bind differently.
std::string credentials_aad(const ConnectionRef& ref) {
  return "actionhost credentials v1\n" + std::to_string(ref.integration_key.size()) + ":" +
         ref.integration_key + std::to_string(ref.connection_id.size()) + ":" + ref.connection_id;
}

std::string text_at(const Poco::Data::RecordSet& rows, size_t column, size_t row) {
  if (rows.isNull(column, row))
    return {};
  return rows.value(column, row).convert<std::string>();
}

int64_t int_at(const Poco::Data::RecordSet& rows, size_t column, size_t row) {
  return optional_int_at(rows, column, row).value_or(0);
}

std::optional<int64_t> optional_int_at(const Poco::Data::RecordSet& rows, size_t column,
                                       size_t row) {
  if (rows.isNull(column, row))
    return std::nullopt;
  return rows.value(column, row).convert<Poco::Int64>();
}

} // namespace detail

std::vector<std::string> credential_field_names(const Credentials& credentials) {
  std::vector<std::string> names;
  auto add = [&](const char* name, bool set) {
    if (set)
      names.push_back(name);
  };
  add("api_key", !credentials.api_key.empty());
  add("username", !credentials.username.empty());
  add("password", !credentials.password.empty());
  add("access_token", !credentials.access_token.empty());
  add("refresh_token", !credentials.refresh_token.empty());
  add("expires_at", credentials.expires_at.has_value());
  add("token_type", !credentials.token_type.empty());
  add("raw_token_response", !credentials.raw_token_response.empty());
  return names;
}

std::optional<ConnectionStatus> parse_status(std::string_view name) {
  for (auto status : {ConnectionStatus::Ok, ConnectionStatus::Expired, ConnectionStatus::Invalid,
                      ConnectionStatus::Revoked})
    if (proxy::to_string(status) == name)
      return status;
  return std::nullopt;
}

} // namespace actionhost::store
