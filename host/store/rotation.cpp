// Re-sealing credentials under the vault's primary key (actionhost vault rotate).
#include "sql_store.hpp"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Statement;

namespace actionhost::store::detail {

std::map<std::string, size_t> SqlStore::records_per_key() {
  std::vector<std::string> ids;
  std::vector<Poco::Int64> counts;
  auto session = database_.session();
  *session << "SELECT key_id, COUNT(*) FROM connections GROUP BY key_id ORDER BY key_id", into(ids),
      into(counts), now;
  std::map<std::string, size_t> result;
  for (size_t i = 0; i < ids.size(); ++i)
    result[ids[i]] = static_cast<size_t>(counts[i]);
  return result;
}

RotationProgress SqlStore::reseal_credentials() {
  RotationProgress progress;
  std::string primary = vault().primary_key_id();
  std::vector<std::string> integrations, connection_ids, sealed_texts;
  {
    auto session = database_.session();
    *session << "SELECT integration_key, connection_id, credentials FROM connections "
                "WHERE key_id <> ? ORDER BY integration_key, connection_id",
        bind(primary), into(integrations), into(connection_ids), into(sealed_texts), now;
  }
  for (size_t i = 0; i < integrations.size(); ++i) {
    ConnectionRef ref{integrations[i], connection_ids[i]};
    std::string resealed;
    try {
      std::string plaintext = vault().open(from_base64(sealed_texts[i]), credentials_aad(ref));
      resealed = to_base64(vault().seal(plaintext, credentials_aad(ref)));
      std::fill(plaintext.begin(), plaintext.end(), '\0');
    } catch (const vault::VaultError& e) {
      progress.failures.push_back("connection '" + ref.connection_id + "' of integration '" +
                                  ref.integration_key + "': " + e.what());
      continue;
    }
    // Swap only if the row still holds what we read: a token refreshed meanwhile by a running
    // server is already under the primary key and must not be overwritten with older tokens.
    auto session = database_.session();
    Statement update(*session);
    update << "UPDATE connections SET credentials = ?, key_id = ? WHERE integration_key = ? AND "
              "connection_id = ? AND credentials = ?",
        bind(resealed), bind(primary), bind(ref.integration_key), bind(ref.connection_id),
        bind(sealed_texts[i]);
    if (update.execute() > 0)
      ++progress.resealed;
  }
  Poco::Int64 remaining = 0;
  auto session = database_.session();
  *session << "SELECT COUNT(*) FROM connections WHERE key_id <> ?", bind(primary), into(remaining),
      now;
  progress.remaining = static_cast<size_t>(remaining);
  return progress;
}

} // namespace actionhost::store::detail
