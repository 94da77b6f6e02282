#include "database.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <fcntl.h>
#include <sstream>
#include <unistd.h>

using namespace Poco::Data::Keywords;

namespace actionhost::store::detail {
namespace {

// Runs on every new pooled SQLite connection.
class SqlitePool : public Poco::Data::SessionPool {
public:
  SqlitePool(const std::string& file, int max_sessions)
      : Poco::Data::SessionPool("SQLite", file, 1, max_sessions, 60) {}

protected:
  void customizeSession(Poco::Data::Session& session) override {
    // Wait for another writer (the server and a CLI command may share the file) instead of
    // failing with "database is locked".
    session << "PRAGMA busy_timeout = 10000", now;
    // WAL: readers never block the writer. synchronous=FULL: a commit is fsynced to the WAL
    // before it returns, so a refreshed token (whose predecessor the provider may already have
    // revoked) survives a power loss, not just a process crash. NORMAL would risk losing the
    // last commits on power loss; the cost of FULL is one fsync per write, and writes are few.
    session << "PRAGMA synchronous = FULL", now;
    session << "PRAGMA foreign_keys = ON", now;
  }
};

} // namespace

SessionLease::SessionLease(Database& database) : database_(database) {
  database_.available_.acquire();
  try {
    session_ = std::make_unique<Poco::Data::Session>(database_.pool_->get());
  } catch (...) {
    database_.available_.release();
    throw;
  }
}

SessionLease::~SessionLease() {
  session_.reset(); // back to the pool before another caller may take the slot
  database_.available_.release();
}

Database::Database(const std::filesystem::path& file, size_t max_sessions)
    : file_(file), dialect_{"SQLite", "BEGIN IMMEDIATE"},
      available_(
          static_cast<std::ptrdiff_t>(std::min<size_t>(std::max<size_t>(max_sessions, 1), 1024))) {
  Poco::Data::SQLite::Connector::registerConnector();
  std::error_code error;
  if (file.has_parent_path())
    std::filesystem::create_directories(file.parent_path(), error);
  if (error)
    throw StoreError(file.parent_path().string() +
                     ": cannot create the data directory: " + error.message());
  // Create the file ourselves so it is private from the first byte (SQLite gives its -wal and
  // -shm files the same permissions).
  int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    throw StoreError(file.string() + ": cannot open the database: " + std::strerror(errno));
  ::close(fd);
  try {
    pool_ = std::make_unique<SqlitePool>(file.string(),
                                         static_cast<int>(std::min<size_t>(max_sessions, 1024)));
    auto session = this->session();
    std::string mode;
    *session << "PRAGMA journal_mode = WAL", into(mode), now;
    if (mode != "wal")
      throw StoreError(file.string() + ": cannot switch the database to WAL mode (got '" + mode +
                       "')");
  } catch (const Poco::Exception& e) {
    throw StoreError(file.string() + ": cannot open the database: " + e.displayText());
  }
}

Database::~Database() {
  if (pool_)
    pool_->shutdown();
}

WriteTransaction::WriteTransaction(Poco::Data::Session& session, const Dialect& dialect)
    : session_(session) {
  session_ << dialect.begin_write, now;
  open_ = true;
}

WriteTransaction::~WriteTransaction() {
  if (!open_)
    return;
  try {
    session_ << "ROLLBACK", now;
  } catch (...) {
    // The connection is unusable anyway; the pool will drop it.
  }
}

void WriteTransaction::commit() {
  session_ << "COMMIT", now;
  open_ = false;
}

int64_t to_micros(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
}

TimePoint from_micros(int64_t micros) {
  return TimePoint(std::chrono::duration_cast<Clock::duration>(std::chrono::microseconds(micros)));
}

int64_t now_micros() {
  return to_micros(Clock::now());
}

std::string random_hex(size_t bytes) {
  static const char* digits = "0123456789abcdef";
  std::string raw = vault::random_bytes(bytes);
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string time_ordered_id() {
  static const char* digits = "0123456789abcdef";
  auto micros = static_cast<uint64_t>(now_micros());
  std::string id(14, '0');
  for (int i = 13; i >= 0; --i, micros >>= 4)
    id[static_cast<size_t>(i)] = digits[micros & 15];
  return id + random_hex(9);
}

std::string to_base64(std::string_view raw) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(raw.data(), static_cast<std::streamsize>(raw.size()));
  encoder.close();
  return out.str();
}

std::string from_base64(std::string_view text) {
  std::istringstream in{std::string(text)};
  Poco::Base64Decoder decoder(in);
  return std::string(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
}

std::string to_json_array(const std::vector<std::string>& items) {
  Poco::JSON::Array array;
  for (const auto& item : items)
    array.add(item);
  std::ostringstream out;
  array.stringify(out);
  return out.str();
}

std::vector<std::string> from_json_array(const std::string& text) {
  std::vector<std::string> items;
  if (text.empty())
    return items;
  auto array = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Array::Ptr>();
  for (unsigned i = 0; i < array->size(); ++i)
    items.push_back(array->getElement<std::string>(i));
  return items;
}

} // namespace actionhost::store::detail
