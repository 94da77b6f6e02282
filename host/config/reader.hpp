// Internal: walking the YAML tree with positions. Every reader records a diagnostic and returns
// nullopt on a problem, so parsing goes on and one pass reports everything.
#pragma once

#include "config.hpp"

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace actionhost::config::detail {

// Where diagnostics go and how values are expanded; one per integration (for the prefix).
struct Context {
  std::string file;
  std::filesystem::path base_dir;
  const EnvLookup* env = nullptr;
  std::vector<Diagnostic>* diagnostics = nullptr;
  std::string prefix; // "integration 'slack': " or empty
  // Where each field was written, recorded while reading an integration (else null).
  std::map<std::string, Location>* locations = nullptr;

  void error(const YAML::Mark& mark, const std::string& message) const;
  Context with_prefix(std::string new_prefix) const;
};

Location location_of(const YAML::Mark& mark);

// One value of the file and the dotted path naming it in messages ("proxy.retry.max_attempts").
struct Field {
  std::string path;
  YAML::Node node;
  YAML::Mark mark; // the value's position, or its key's when the value is empty

  Field child(const std::string& key, const YAML::Node& value, const YAML::Mark& key_mark) const;
  void error(const Context& ctx, const std::string& message) const; // "<path>: <message>"
};

std::string join(const std::vector<std::string>& names, const std::string& separator);

// "a map", "a list", "nothing" or the quoted scalar: what a type error says it got.
std::string describe(const YAML::Node& node);

// A YAML map checked for duplicate keys and, when `known` is given, for unknown ones.
class Section {
public:
  Section(const Context& ctx, const Field& field, std::optional<std::vector<std::string>> known);

  struct Entry {
    std::string key;
    Field field;
    YAML::Mark key_mark;
  };

  bool is_map() const { return is_map_; }
  std::optional<Field> get(const std::string& key) const;
  const Entry* find(const std::string& key) const;
  // The keys in file order (first occurrence only).
  const std::vector<Entry>& entries() const { return entries_; }

private:
  bool is_map_ = false;
  std::vector<Entry> entries_;
};

// Reports a key of `section` that only applies when `applies` is false, e.g. token_url with
// auth mode API_KEY: "auth.token_url: only used with auth mode OAUTH2 (the mode is API_KEY)".
void reject_unless(const Context& ctx, const Section& section, const std::string& key, bool applies,
                   const std::string& when, const std::string& actual);

// Scalars are expanded (${ENV}) before they are interpreted, so `timeout: ${T:-30s}` works.
std::optional<std::string> read_string(const Context& ctx, const Field& field);
std::optional<std::string> read_nonempty_string(const Context& ctx, const Field& field);
// A string that may hold the runtime placeholders available with `mode` (any when nullopt).
std::optional<Template> read_template(const Context& ctx, const Field& field,
                                      std::optional<AuthMode> mode);
std::optional<bool> read_bool(const Context& ctx, const Field& field);
std::optional<long long> read_int(const Context& ctx, const Field& field, long long min,
                                  long long max);
std::optional<Duration> read_duration(const Context& ctx, const Field& field,
                                      bool allow_zero = false);
std::optional<uint64_t> read_size(const Context& ctx, const Field& field);
std::optional<std::vector<std::string>> read_string_list(const Context& ctx, const Field& field);
// The items of a list, each a Field named "<path>[i]"; nullopt after an error if not a list.
std::optional<std::vector<Field>> list_items(const Context& ctx, const Field& field,
                                             const std::string& expected);
// A list whose items `read` converts; nullopt when the list or any item is wrong.
template <class Read>
auto read_list(const Context& ctx, const Field& field, const std::string& expected, Read read)
    -> std::optional<std::vector<typename decltype(read(ctx, field))::value_type>> {
  auto items = list_items(ctx, field, expected);
  if (!items)
    return std::nullopt;
  std::vector<typename decltype(read(ctx, field))::value_type> values;
  bool ok = true;
  for (const auto& item : *items) {
    if (auto value = read(ctx, item))
      values.push_back(std::move(*value));
    else
      ok = false;
  }
  if (!ok)
    return std::nullopt;
  return values;
}
std::optional<std::map<std::string, std::string>> read_string_map(const Context& ctx,
                                                                  const Field& field);
// An http(s) URL.
std::optional<std::string> read_url(const Context& ctx, const Field& field);
// A file path; relative ones resolve against the config file's directory.
std::optional<std::filesystem::path> read_path(const Context& ctx, const Field& field);

// The value if it is one of `names` (exact spelling), else an error listing them.
std::optional<std::string> read_choice(const Context& ctx, const Field& field,
                                       const std::vector<std::string>& names,
                                       const std::string& what);

} // namespace actionhost::config::detail
