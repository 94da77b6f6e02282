// `actionhost vault`: the master keys that encrypt credentials, and rotating them without
// downtime. The procedure (host/vault/README.md):
//   1. `vault rotate` puts a new key first in the key file (the old keys stay after it) and
//      re-encrypts every record under it. A running server notices the rewritten file: it seals
//      with the new key from then on and still opens records under the old ones.
//   2. `vault prune` drops the old keys from the file once no record uses them.
// With ACTIONHOST_MASTER_KEY the environment cannot be rewritten: put the new key first in the
// variable (NEW,OLD) on every replica, run `vault rotate` with it, then drop OLD.
#include "commands.hpp"
#include "options.hpp"
#include "store_access.hpp"

#include <iostream>

namespace actionhost::cli {
namespace {

int vault_status(const Args& args) {
  CommandSpec spec;
  spec.name = "vault status";
  spec.description = "Shows where the master keys come from, their public ids (the first one "
                     "seals), and how many credential records each key sealed.";
  add_key_file_option(spec);
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  auto vault = open_cli_vault(*parsed);
  auto store = open_cli_store(*parsed, vault);
  auto ring = vault->ring();
  auto counts = store->records_per_key();
  std::cout << "keys from " << ring.source << "\n";
  std::vector<std::vector<std::string>> rows = {{"KEY ID", "ROLE", "RECORDS"}};
  for (size_t i = 0; i < ring.keys.size(); ++i) {
    const auto& id = ring.keys[i].id;
    rows.push_back({id, i == 0 ? "seals and opens" : "opens",
                    std::to_string(counts.count(id) ? counts[id] : 0)});
    counts.erase(id);
  }
  for (const auto& [id, count] : counts)
    rows.push_back({id, "MISSING from the ring", std::to_string(count)});
  print_table(rows, std::cout);
  return counts.empty() ? kExitOk : kExitFailure;
}

int report(const store::RotationProgress& progress, const std::string& key_id) {
  std::cout << "re-encrypted " << progress.resealed << " credential record"
            << (progress.resealed == 1 ? "" : "s") << " under key " << key_id << "\n";
  for (const auto& failure : progress.failures)
    std::cerr << "cannot re-encrypt " << failure << "\n";
  if (progress.remaining > 0) {
    std::cerr << progress.remaining << " record" << (progress.remaining == 1 ? " is" : "s are")
              << " still under another key; run `actionhost vault rotate --no-new-key` again"
              << (progress.failures.empty() ? "" : " once the keys above are in the ring") << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

int vault_rotate(const Args& args) {
  CommandSpec spec;
  spec.name = "vault rotate";
  spec.description =
      "Adds a new master key in front of the key file (keeping the old ones so nothing becomes "
      "unreadable) and re-encrypts every credential record under it, one record at a time, "
      "while servers keep running. With ACTIONHOST_MASTER_KEY, re-encrypts under the "
      "variable's first key instead. Then run `actionhost vault prune`.";
  add_key_file_option(spec);
  add_flag(spec, "no-new-key", "Only re-encrypt records that are not under the first key.");
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  auto vault = open_cli_vault(*parsed);
  auto ring = vault->ring();
  auto store = open_cli_store(*parsed, vault);
  if (!parsed->has("no-new-key")) {
    if (!ring.file) {
      std::cerr << "actionhost vault rotate: the keys come from " << ring.source
                << ", which this command cannot rewrite. Put the new key first in it (NEW,OLD) "
                   "on every replica, then run `actionhost vault rotate --no-new-key`.\n";
      return kExitUsage;
    }
    auto fresh = vault::MasterKey::generate();
    std::vector<vault::MasterKey> keys{fresh};
    keys.insert(keys.end(), ring.keys.begin(), ring.keys.end());
    vault::write_key_file(*ring.file, keys);
    std::cout << "added key " << fresh.id << " to " << ring.file->string()
              << " (the previous keys stay until `actionhost vault prune`)\n";
  }
  return report(store->reseal_credentials(), vault->primary_key_id());
}

int vault_prune(const Args& args) {
  CommandSpec spec;
  spec.name = "vault prune";
  spec.description = "Removes from the key file every key but the first, once no credential "
                     "record is sealed by any of them. Keep a backup of the removed keys until "
                     "your database backups made before the rotation expire.";
  add_key_file_option(spec);
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  auto vault = open_cli_vault(*parsed);
  auto ring = vault->ring();
  if (!ring.file) {
    std::cerr << "actionhost vault prune: the keys come from " << ring.source
              << "; remove the old keys from it yourself once `vault status` shows 0 records "
                 "under them\n";
    return kExitUsage;
  }
  auto counts = open_cli_store(*parsed, vault)->records_per_key();
  for (size_t i = 1; i < ring.keys.size(); ++i)
    if (counts.count(ring.keys[i].id)) {
      std::cerr << "actionhost vault prune: " << counts[ring.keys[i].id]
                << " record(s) are still sealed by key " << ring.keys[i].id
                << "; run `actionhost vault rotate --no-new-key` first\n";
      return kExitFailure;
    }
  size_t removed = ring.keys.size() - 1;
  vault::write_key_file(*ring.file, {ring.primary()});
  std::cout << "removed " << removed << " old key" << (removed == 1 ? "" : "s") << " from "
            << ring.file->string() << "; key " << ring.primary().id << " remains\n";
  return kExitOk;
}

} // namespace

int vault_command(const Args& args) {
  return dispatch("vault",
                  {{"status", "Show the master keys and what each one sealed", vault_status},
                   {"rotate", "Re-encrypt every credential under a new master key", vault_rotate},
                   {"prune", "Drop old master keys no record uses", vault_prune}},
                  args);
}

} // namespace actionhost::cli
