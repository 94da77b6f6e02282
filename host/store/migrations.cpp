// The schema, as numbered migrations. A migration is never edited once released: a change is a
// new entry at the end. Every statement runs unchanged on SQLite and PostgreSQL (TEXT, BIGINT,
// partial unique indexes); secrets and hashes are stored as base64/hex TEXT so no BLOB/BYTEA
// difference arises.
#include "database.hpp"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;

namespace actionhost::store {
namespace detail {
namespace {

struct Migration {
  int version;
  const char* description;
  std::vector<const char*> statements;
};

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1,
       "connections with sealed credentials",
       {R"(CREATE TABLE connections (
             integration_key   TEXT NOT NULL,
             connection_id     TEXT NOT NULL,
             end_user_id       TEXT NOT NULL,
             end_user_name     TEXT NOT NULL,
             metadata          TEXT NOT NULL,
             credentials       TEXT NOT NULL,
             credential_fields TEXT NOT NULL,
             key_id            TEXT NOT NULL,
             expires_at        BIGINT,
             status            TEXT NOT NULL,
             status_reason     TEXT NOT NULL,
             created_at        BIGINT NOT NULL,
             updated_at        BIGINT NOT NULL,
             last_used_at      BIGINT,
             PRIMARY KEY (integration_key, connection_id)))",
        "CREATE INDEX connections_key_id ON connections (key_id)"}},
      {2,
       "secret keys, stored as salted hashes",
       {R"(CREATE TABLE secret_keys (
             id            TEXT PRIMARY KEY,
             name          TEXT NOT NULL,
             salt          TEXT NOT NULL,
             hash          TEXT NOT NULL,
             integrations  TEXT NOT NULL,
             allowed_tools TEXT NOT NULL,
             denied_tools  TEXT NOT NULL,
             created_at    BIGINT NOT NULL,
             last_used_at  BIGINT,
             revoked_at    BIGINT))",
        // One active key per name; a revoked key frees its name.
        "CREATE UNIQUE INDEX secret_keys_active_name ON secret_keys (name) WHERE revoked_at IS "
        "NULL"}},
      {3,
       "execution log and proxy attempts",
       {R"(CREATE TABLE executions (
             id              TEXT PRIMARY KEY,
             integration_key TEXT NOT NULL,
             connection_id   TEXT NOT NULL,
             action          TEXT NOT NULL,
             key_id          TEXT NOT NULL,
             key_name        TEXT NOT NULL,
             started_at      BIGINT NOT NULL,
             duration_us     BIGINT,
             outcome         TEXT NOT NULL,
             error           TEXT NOT NULL))",
        "CREATE INDEX executions_started ON executions (started_at)",
        "CREATE INDEX executions_connection ON executions (integration_key, connection_id, "
        "started_at)",
        R"(CREATE TABLE attempts (
             id           TEXT PRIMARY KEY,
             execution_id TEXT NOT NULL,
             recorded_at  BIGINT NOT NULL,
             attempt      BIGINT NOT NULL,
             method       TEXT NOT NULL,
             url          TEXT NOT NULL,
             status       BIGINT NOT NULL,
             duration_us  BIGINT NOT NULL,
             retry_reason TEXT NOT NULL,
             error        TEXT NOT NULL))",
        "CREATE INDEX attempts_execution ON attempts (execution_id, recorded_at)",
        "CREATE INDEX attempts_recorded ON attempts (recorded_at)"}},
  };
  return all;
}

} // namespace

int current_schema_version(Poco::Data::Session& session) {
  Poco::Int64 version = 0;
  session << "SELECT COALESCE(MAX(version), 0) FROM schema_version", into(version), now;
  return static_cast<int>(version);
}

int migrate(Database& database) {
  auto session = database.session();
  *session << R"(CREATE TABLE IF NOT EXISTS schema_version (
                   version     BIGINT PRIMARY KEY,
                   description TEXT NOT NULL,
                   applied_at  BIGINT NOT NULL))",
      now;
  // One writer migrates; another process opening the file at the same time waits here, then
  // finds nothing left to do.
  WriteTransaction transaction(*session, database.dialect());
  int current = current_schema_version(*session);
  int latest = migrations().back().version;
  if (current > latest)
    throw SchemaTooNewError(database.file().string() + ": the database has schema version " +
                            std::to_string(current) + ", newer than this actionhost knows (" +
                            std::to_string(latest) +
                            "); it was written by a newer release. Run that release, or restore "
                            "a backup made for this one. Nothing was changed.");
  for (const auto& migration : migrations()) {
    if (migration.version <= current)
      continue;
    for (const char* statement : migration.statements)
      *session << statement, now;
    Poco::Int64 version = migration.version;
    std::string description = migration.description;
    Poco::Int64 applied = now_micros();
    *session << "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
        use(version), use(description), use(applied), now;
    current = migration.version;
  }
  transaction.commit();
  return current;
}

} // namespace detail

int latest_schema_version() {
  return detail::migrations().back().version;
}

} // namespace actionhost::store
