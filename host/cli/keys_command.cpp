// `actionhost keys`: the secret keys callers present to /mcp (Authorization: Bearer ahk_...).
// A key is printed once, when created; the database keeps only a salted hash of it.
#include "commands.hpp"
#include "options.hpp"
#include "store_access.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <iostream>

namespace actionhost::cli {
namespace {

std::string joined(const std::vector<std::string>& items, const std::string& none) {
  std::string text;
  for (const auto& item : items)
    text += (text.empty() ? "" : ",") + item;
  return text.empty() ? none : text;
}

int keys_create(const Args& args) {
  CommandSpec spec;
  spec.name = "keys create";
  spec.description = "Creates a secret key and prints it on the last line of the output. Store "
                     "it now: only a salted hash is kept, so it cannot be shown again.";
  add_value_option(spec, "name", "NAME", "A name for the key, unique among active keys.");
  add_value_option(spec, "integrations", "K1,K2",
                   "Limit the key to these integrations (default: all).");
  add_value_option(spec, "tools", "T1,T2", "Allow only these tools (default: all).");
  add_value_option(spec, "deny-tools", "T1,T2", "Never allow these tools, even if listed.");
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  if (parsed->get("name").empty()) {
    std::cerr << "actionhost keys create: --name is required\n";
    return kExitUsage;
  }
  store::KeyLimits limits;
  limits.integrations = split_list(parsed->get("integrations"));
  limits.allowed_tools = split_list(parsed->get("tools"));
  limits.denied_tools = split_list(parsed->get("deny-tools"));
  auto store = open_cli_store(*parsed, false);
  try {
    auto created = store->create_secret_key(parsed->get("name"), limits);
    std::cout << "created secret key '" << created.info.name << "' (id " << created.info.id
              << ", integrations: " << joined(limits.integrations, "all")
              << ", tools: " << joined(limits.allowed_tools, "all")
              << (limits.denied_tools.empty() ? "" : " except " + joined(limits.denied_tools, ""))
              << ")\nstore it now; it is not shown again:\n"
              << created.secret << std::endl;
  } catch (const store::ConflictError& e) {
    std::cerr << "actionhost keys create: " << e.what() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

Poco::JSON::Array::Ptr json_list(const std::vector<std::string>& items) {
  Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
  for (const auto& item : items)
    array->add(item);
  return array;
}

int keys_list(const Args& args) {
  CommandSpec spec;
  spec.name = "keys list";
  spec.description = "Lists the secret keys (never the keys themselves): id, name, limits, "
                     "creation, last use and revocation.";
  add_flag(spec, "json", "Print a JSON array.");
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  auto keys = open_cli_store(*parsed, false)->list_secret_keys();
  if (parsed->has("json")) {
    Poco::JSON::Array array;
    for (const auto& key : keys) {
      Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
      o->set("id", key.id);
      o->set("name", key.name);
      o->set("integrations", json_list(key.limits.integrations));
      o->set("allowed_tools", json_list(key.limits.allowed_tools));
      o->set("denied_tools", json_list(key.limits.denied_tools));
      o->set("created_at", format_time(key.created_at));
      o->set("last_used_at", format_time(key.last_used_at));
      o->set("revoked_at", format_time(key.revoked_at));
      array.add(o);
    }
    array.stringify(std::cout, 2);
    std::cout << "\n";
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows = {
      {"ID", "NAME", "INTEGRATIONS", "TOOLS", "CREATED", "LAST USED", "STATE"}};
  for (const auto& key : keys) {
    std::string tools = joined(key.limits.allowed_tools, "all");
    if (!key.limits.denied_tools.empty())
      tools += " -" + joined(key.limits.denied_tools, "");
    rows.push_back({key.id, key.name, joined(key.limits.integrations, "all"), tools,
                    format_time(key.created_at), format_time(key.last_used_at),
                    key.revoked() ? "revoked " + format_time(key.revoked_at) : "active"});
  }
  print_table(rows, std::cout);
  return kExitOk;
}

int keys_revoke(const Args& args) {
  CommandSpec spec;
  spec.name = "keys revoke";
  spec.description = "Revokes a secret key at once: callers presenting it are refused from "
                     "their next request.";
  add_value_option(spec, "name", "NAME", "The active key with this name.");
  add_value_option(spec, "id", "ID", "The key with this id (see keys list).");
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  if (parsed->has("name") == parsed->has("id")) {
    std::cerr << "actionhost keys revoke: give --name or --id\n";
    return kExitUsage;
  }
  std::string which = parsed->has("name") ? parsed->get("name") : parsed->get("id");
  if (!open_cli_store(*parsed, false)->revoke_secret_key(which)) {
    std::cerr << "actionhost keys revoke: no active key "
              << (parsed->has("name") ? "named" : "with id") << " '" << which << "'\n";
    return kExitFailure;
  }
  std::cout << "revoked " << (parsed->has("name") ? "key '" : "key id ") << which
            << (parsed->has("name") ? "'" : "") << "\n";
  return kExitOk;
}

} // namespace

int keys_command(const Args& args) {
  return dispatch("keys",
                  {{"create", "Create a secret key (printed once)", keys_create},
                   {"list", "List secret keys, never the keys", keys_list},
                   {"revoke", "Revoke a secret key by name or id", keys_revoke}},
                  args);
}

} // namespace actionhost::cli
