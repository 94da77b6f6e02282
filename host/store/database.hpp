// Private to the store: pooled Poco::Data sessions on one database, write transactions, the
// schema migrations and the conversions every table file shares.
#pragma once

#include "store.hpp"

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <semaphore>
#include <string>

namespace actionhost::store::detail {

// The few statements whose spelling differs between SQLite and PostgreSQL. Queries themselves
// use only syntax both accept (no INSERT OR REPLACE, no AUTOINCREMENT, no SQLite date functions;
// times are integer microseconds since the epoch).
struct Dialect {
  std::string connector;   // Poco::Data connector name
  std::string begin_write; // a transaction that takes the write lock up front
};

// A pooled session. Callers beyond the pool's size wait for one instead of failing.
class Database;
class SessionLease {
public:
  SessionLease(Database& database);
  ~SessionLease();
  SessionLease(const SessionLease&) = delete;
  SessionLease& operator=(const SessionLease&) = delete;
  Poco::Data::Session& operator*() { return *session_; }
  Poco::Data::Session* operator->() { return session_.get(); }

private:
  Database& database_;
  std::unique_ptr<Poco::Data::Session> session_;
};

class Database {
public:
  // Opens (creating) the SQLite file: WAL, synchronous=FULL, a busy timeout, 0600 permissions.
  Database(const std::filesystem::path& file, size_t max_sessions);
  ~Database();

  SessionLease session() { return SessionLease(*this); }
  const Dialect& dialect() const { return dialect_; }
  const std::filesystem::path& file() const { return file_; }

private:
  friend class SessionLease;
  std::filesystem::path file_;
  Dialect dialect_;
  std::unique_ptr<Poco::Data::SessionPool> pool_;
  std::counting_semaphore<1024> available_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed uncommitted (an exception on the way).
class WriteTransaction {
public:
  WriteTransaction(Poco::Data::Session& session, const Dialect& dialect);
  ~WriteTransaction();
  void commit();

private:
  Poco::Data::Session& session_;
  bool open_ = false;
};

// Applies the numbered migrations not yet recorded in schema_version, in one transaction.
// Throws SchemaTooNewError when the database records a version this binary does not know.
int migrate(Database& database);
int current_schema_version(Poco::Data::Session& session);

// Times are stored as integer microseconds since the Unix epoch.
int64_t to_micros(TimePoint time);
TimePoint from_micros(int64_t micros);
int64_t now_micros();

// Random identifiers: `bytes` random bytes in lowercase hex.
std::string random_hex(size_t bytes);
// A 32-digit hex id that sorts by creation time: the time in microseconds (14 digits), then 9
// random bytes. Rows keyed by it are appended at the end of their primary-key index, where
// random keys would dirty a different index page (and write it to the WAL) for every row.
std::string time_ordered_id();
std::string to_base64(std::string_view raw);
std::string from_base64(std::string_view text);
// A JSON array of strings and back (key limits, credential field names).
std::string to_json_array(const std::vector<std::string>& items);
std::vector<std::string> from_json_array(const std::string& text);

} // namespace actionhost::store::detail
