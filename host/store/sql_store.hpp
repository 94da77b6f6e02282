// Private to the store: the Store implementation over Poco::Data. Its methods are split by table
// across connections.cpp, secret_keys.cpp, executions.cpp and rotation.cpp.
#pragma once

#include "database.hpp"

#include <Poco/Data/RecordSet.h>

#include <atomic>
#include <memory>

namespace actionhost::store::detail {

class ExecutionWriter;

// Credentials as the JSON text that gets sealed, and the associated data that binds a sealed
// record to its row (credentials_codec.cpp).
std::string encode_credentials(const Credentials& credentials);
Credentials decode_credentials(const std::string& json);
std::string credentials_aad(const ConnectionRef& ref);

// Reading result rows: NULL-aware accessors by column index.
std::string text_at(const Poco::Data::RecordSet& rows, size_t column, size_t row);
int64_t int_at(const Poco::Data::RecordSet& rows, size_t column, size_t row);
std::optional<int64_t> optional_int_at(const Poco::Data::RecordSet& rows, size_t column,
                                       size_t row);

class SqlStore final : public Store {
public:
  explicit SqlStore(const StoreOptions& options);
  ~SqlStore() override;

  void create_connection(const NewConnection& connection) override;
  std::optional<Connection> find_connection(const ConnectionRef& ref) override;
  std::vector<Connection> list_connections(const std::optional<std::string>& integration) override;
  bool delete_connection(const ConnectionRef& ref) override;
  void update_credentials(const ConnectionRef& ref, const Credentials& credentials) override;

  std::optional<Credentials> load(const ConnectionRef& connection) override;
  void save_refreshed(const ConnectionRef& connection, const Credentials& credentials) override;
  void set_status(const ConnectionRef& connection, ConnectionStatus status,
                  const std::string& reason) override;

  CreatedKey create_secret_key(const std::string& name, const KeyLimits& limits) override;
  std::optional<KeyInfo> verify_secret_key(std::string_view presented) override;
  std::vector<KeyInfo> list_secret_keys() override;
  bool revoke_secret_key(const std::string& name_or_id) override;

  std::string begin_execution(const ExecutionStart& start) override;
  void finish_execution(const std::string& execution_id, Outcome outcome,
                        const std::string& error) override;
  void record(const proxy::Attempt& attempt) override;
  void flush_execution_log() override;
  std::vector<Execution> list_executions(const ExecutionFilter& filter) override;
  size_t purge_executions(TimePoint cutoff) override;

  std::map<std::string, size_t> records_per_key() override;
  RotationProgress reseal_credentials() override;

  int schema_version() override;
  std::string location() const override { return database_.file().string(); }

private:
  const vault::Vault& vault() const;
  // Seals credentials for `ref` and returns {sealed base64, key id}.
  std::pair<std::string, std::string> seal(const ConnectionRef& ref,
                                           const Credentials& credentials) const;
  std::vector<Connection> select_connections(const std::string& where,
                                             const std::vector<std::string>& values);
  void purge_expired();
  std::unique_ptr<ExecutionWriter> start_writer();

  StoreOptions options_;
  Database database_;
  std::unique_ptr<ExecutionWriter> writer_; // after database_: stops (draining) before it closes
};

} // namespace actionhost::store::detail
