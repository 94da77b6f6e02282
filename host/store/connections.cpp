// Connections and their sealed credentials; the proxy's CredentialStore.
#include "sql_store.hpp"

#include "execution_writer.hpp"

#include <Poco/Data/Statement.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Statement;

namespace actionhost::store::detail {
namespace {

const char* kColumns = "integration_key, connection_id, end_user_id, end_user_name, metadata, "
                       "credential_fields, key_id, expires_at, status, status_reason, "
                       "created_at, updated_at, last_used_at";

std::string describe(const ConnectionRef& ref) {
  return "connection '" + ref.connection_id + "' of integration '" + ref.integration_key + "'";
}

std::optional<int64_t> expiry(const Credentials& credentials) {
  if (!credentials.expires_at)
    return std::nullopt;
  return to_micros(*credentials.expires_at);
}

// Validated before anything is written: metadata must be one JSON object.
std::string checked_metadata(const std::string& text) {
  if (text.empty())
    return "{}";
  try {
    auto value = Poco::JSON::Parser().parse(text);
    if (value.type() != typeid(Poco::JSON::Object::Ptr))
      throw StoreError("metadata must be a JSON object, e.g. {\"instance_url\": \"...\"}");
  } catch (const Poco::Exception& e) {
    throw StoreError("metadata is not valid JSON: " + e.message());
  }
  return text;
}

} // namespace

SqlStore::SqlStore(const StoreOptions& options)
    : options_(options), database_(options.data_dir / "actionhost.db", options.max_sessions) {
  migrate(database_);
  purge_expired();
  writer_ = start_writer();
}

SqlStore::~SqlStore() = default;

const vault::Vault& SqlStore::vault() const {
  if (!options_.vault)
    throw StoreError("the store was opened without a master key; credentials are unavailable");
  return *options_.vault;
}

std::pair<std::string, std::string> SqlStore::seal(const ConnectionRef& ref,
                                                   const Credentials& credentials) const {
  std::string plaintext = encode_credentials(credentials);
  std::string sealed = vault().seal(plaintext, credentials_aad(ref));
  std::fill(plaintext.begin(), plaintext.end(), '\0');
  return {to_base64(sealed), vault::Vault::sealed_key_id(sealed)};
}

void SqlStore::create_connection(const NewConnection& connection) {
  const auto& ref = connection.ref;
  if (ref.integration_key.empty() || ref.connection_id.empty())
    throw StoreError("a connection needs an integration key and a connection id");
  std::string metadata = checked_metadata(connection.metadata_json);
  auto [sealed, key_id] = seal(ref, connection.credentials);
  std::string fields = to_json_array(credential_field_names(connection.credentials));
  std::string status = proxy::to_string(ConnectionStatus::Ok);
  Poco::Nullable<Poco::Int64> expires;
  if (auto micros = expiry(connection.credentials))
    expires = *micros;
  Poco::Int64 now_us = now_micros();
  std::string empty;

  auto session = database_.session();
  WriteTransaction transaction(*session, database_.dialect());
  Poco::Int64 taken = 0;
  *session << "SELECT COUNT(*) FROM connections WHERE integration_key = ? AND connection_id = ?",
      bind(ref.integration_key), bind(ref.connection_id), into(taken), now;
  if (taken > 0)
    throw ConflictError(describe(ref) + " already exists; delete it first or pick another id");
  *session << "INSERT INTO connections (integration_key, connection_id, end_user_id, "
              "end_user_name, metadata, credentials, credential_fields, key_id, expires_at, "
              "status, status_reason, created_at, updated_at, last_used_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
      bind(ref.integration_key), bind(ref.connection_id), bind(connection.end_user_id),
      bind(connection.end_user_name), bind(metadata), bind(sealed), bind(fields), bind(key_id),
      bind(expires), bind(status), bind(empty), bind(now_us), bind(now_us), now;
  transaction.commit();
}

std::vector<Connection> SqlStore::select_connections(const std::string& where,
                                                     const std::vector<std::string>& values) {
  auto session = database_.session();
  Statement select(*session);
  select << "SELECT " << kColumns << " FROM connections " << where
         << " ORDER BY integration_key, connection_id";
  for (const auto& value : values)
    select.addBind(bind(value));
  select.execute();
  RecordSet rows(select);
  std::vector<Connection> connections;
  for (size_t row = 0; row < rows.rowCount(); ++row) {
    Connection c;
    c.ref = {text_at(rows, 0, row), text_at(rows, 1, row)};
    c.end_user_id = text_at(rows, 2, row);
    c.end_user_name = text_at(rows, 3, row);
    c.metadata_json = text_at(rows, 4, row);
    c.credential_fields = from_json_array(text_at(rows, 5, row));
    c.key_id = text_at(rows, 6, row);
    if (auto expires = optional_int_at(rows, 7, row))
      c.expires_at = from_micros(*expires);
    c.status = parse_status(text_at(rows, 8, row)).value_or(ConnectionStatus::Invalid);
    c.status_reason = text_at(rows, 9, row);
    c.created_at = from_micros(int_at(rows, 10, row));
    c.updated_at = from_micros(int_at(rows, 11, row));
    if (auto used = optional_int_at(rows, 12, row))
      c.last_used_at = from_micros(*used);
    connections.push_back(std::move(c));
  }
  return connections;
}

std::optional<Connection> SqlStore::find_connection(const ConnectionRef& ref) {
  auto found = select_connections("WHERE integration_key = ? AND connection_id = ?",
                                  {ref.integration_key, ref.connection_id});
  if (found.empty())
    return std::nullopt;
  return std::move(found.front());
}

std::vector<Connection> SqlStore::list_connections(const std::optional<std::string>& integration) {
  if (integration)
    return select_connections("WHERE integration_key = ?", {*integration});
  return select_connections("", {});
}

bool SqlStore::delete_connection(const ConnectionRef& ref) {
  auto session = database_.session();
  Statement remove(*session);
  remove << "DELETE FROM connections WHERE integration_key = ? AND connection_id = ?",
      bind(ref.integration_key), bind(ref.connection_id);
  return remove.execute() > 0;
}

std::optional<Credentials> SqlStore::load(const ConnectionRef& connection) {
  std::string sealed;
  {
    auto session = database_.session();
    Statement select(*session);
    select << "SELECT credentials FROM connections WHERE integration_key = ? AND "
              "connection_id = ?",
        bind(connection.integration_key), bind(connection.connection_id), into(sealed);
    if (select.execute() == 0)
      return std::nullopt;
  }
  try {
    std::string plaintext = vault().open(from_base64(sealed), credentials_aad(connection));
    auto credentials = decode_credentials(plaintext);
    std::fill(plaintext.begin(), plaintext.end(), '\0');
    return credentials;
  } catch (const vault::VaultError& e) {
    throw DecryptError(connection, "cannot decrypt the credentials of " + describe(connection) +
                                       ": " + e.what());
  }
}

void SqlStore::update_credentials(const ConnectionRef& ref, const Credentials& credentials) {
  auto [sealed, key_id] = seal(ref, credentials);
  std::string fields = to_json_array(credential_field_names(credentials));
  Poco::Nullable<Poco::Int64> expires;
  if (auto micros = expiry(credentials))
    expires = *micros;
  std::string status = proxy::to_string(ConnectionStatus::Ok);
  std::string empty;
  Poco::Int64 now_us = now_micros();
  auto session = database_.session();
  Statement update(*session);
  update << "UPDATE connections SET credentials = ?, credential_fields = ?, key_id = ?, "
            "expires_at = ?, status = ?, status_reason = ?, updated_at = ? "
            "WHERE integration_key = ? AND connection_id = ?",
      bind(sealed), bind(fields), bind(key_id), bind(expires), bind(status), bind(empty),
      bind(now_us), bind(ref.integration_key), bind(ref.connection_id);
  // Autocommit: the statement is durable (WAL, synchronous=FULL) when execute() returns.
  if (update.execute() == 0)
    throw StoreError(describe(ref) + " does not exist");
}

void SqlStore::save_refreshed(const ConnectionRef& connection, const Credentials& credentials) {
  update_credentials(connection, credentials);
}

void SqlStore::set_status(const ConnectionRef& connection, ConnectionStatus status,
                          const std::string& reason) {
  std::string name = proxy::to_string(status);
  Poco::Int64 now_us = now_micros();
  auto session = database_.session();
  *session << "UPDATE connections SET status = ?, status_reason = ?, updated_at = ? "
              "WHERE integration_key = ? AND connection_id = ?",
      bind(name), bind(reason), bind(now_us), bind(connection.integration_key),
      bind(connection.connection_id), now;
}

int SqlStore::schema_version() {
  auto session = database_.session();
  return current_schema_version(*session);
}

} // namespace actionhost::store::detail

namespace actionhost::store {

std::unique_ptr<Store> open_store(const StoreOptions& options) {
  try {
    return std::make_unique<detail::SqlStore>(options);
  } catch (const StoreError&) {
    throw;
  } catch (const Poco::Exception& e) {
    throw StoreError((options.data_dir / "actionhost.db").string() + ": " + e.displayText());
  }
}

} // namespace actionhost::store
