#include "keys.hpp"
#include "sections.hpp"
#include "values.hpp"

#include <algorithm>
#include <cctype>

namespace actionhost::config::detail {

namespace {

// Letters, digits and `extra`, 1 to max_length characters.
bool is_name(const std::string& text, std::string_view extra, size_t max_length) {
  if (text.empty() || text.size() > max_length)
    return false;
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || extra.find(c) != std::string_view::npos;
  });
}

// A bare file name stays as written (looked up in plugin_dir later, with the CLI's override);
// a path is resolved against the config file's directory now.
std::optional<std::string> read_plugin(const Context& ctx, const Field& field) {
  auto plugin = read_nonempty_string(ctx, field);
  if (!plugin || plugin->find('/') == std::string::npos)
    return plugin;
  std::filesystem::path path(*plugin);
  if (path.is_relative())
    path = ctx.base_dir / path;
  return path.lexically_normal().string();
}

std::optional<std::string> read_action_name(const Context& ctx, const Field& field) {
  auto name = read_nonempty_string(ctx, field);
  if (name && !is_name(*name, "_.-", 128)) {
    field.error(ctx,
                "expected an action name (letters, digits, '_', '.', '-'), got '" + *name + "'");
    return std::nullopt;
  }
  return name;
}

std::optional<std::vector<std::string>> read_action_list(const Context& ctx, const Field& field) {
  auto names = read_list(ctx, field, "a list of action names", read_action_name);
  if (!names)
    return std::nullopt;
  for (size_t i = 0; i < names->size(); ++i) {
    auto first = std::find(names->begin(), names->end(), (*names)[i]);
    if (first != names->begin() + static_cast<long>(i))
      ctx.error(field.node[i].Mark(), field.path + ": '" + (*names)[i] + "' is listed twice");
  }
  return names;
}

// A field name to redact: what a JSON body, a query string or a header could call a field.
std::optional<std::string> read_field_name(const Context& ctx, const Field& field) {
  auto name = read_nonempty_string(ctx, field);
  if (name && std::any_of(name->begin(), name->end(), [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) ||
               std::iscntrl(static_cast<unsigned char>(c));
      })) {
    field.error(ctx, "expected a field name without spaces, got '" + *name + "'");
    return std::nullopt;
  }
  return name;
}

// redact: field names, compared case-insensitively as redaction does, so "Email" and "email"
// are one entry written twice.
std::vector<std::string> read_redact(const Context& ctx, const Field& field) {
  auto names = read_list(ctx, field, "a list of field names", read_field_name);
  if (!names)
    return {};
  auto lower = [](std::string text) {
    for (auto& c : text)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  for (size_t i = 0; i < names->size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (lower((*names)[i]) == lower((*names)[j])) {
        ctx.error(field.node[i].Mark(),
                  field.path + ": '" + (*names)[i] + "' is listed twice" +
                      ((*names)[i] == (*names)[j]
                           ? std::string()
                           : " (as '" + (*names)[j] + "': field names are case-insensitive)"));
        break;
      }
  return *names;
}

// actions: all, or a list of names.
std::optional<std::vector<std::string>> read_actions(const Context& ctx, const Field& field) {
  if (field.node.IsScalar() && field.node.Scalar() == "all")
    return std::nullopt;
  if (!field.node.IsSequence()) {
    field.error(ctx, "expected 'all' or a list of action names, got " + describe(field.node));
    return std::nullopt;
  }
  return read_action_list(ctx, field).value_or(std::vector<std::string>{});
}

// A staged action is withheld from MCP; listing it as exposed too contradicts that.
void check_staged(const Context& ctx, const Integration& integration, const Field& staged) {
  if (!integration.actions)
    return;
  for (size_t i = 0; i < integration.staged.size(); ++i) {
    const std::string& name = integration.staged[i];
    if (std::find(integration.actions->begin(), integration.actions->end(), name) !=
        integration.actions->end())
      ctx.error(staged.node[i].Mark(),
                "'" + name + "' is listed in both actions and staged (staged actions are " +
                    "never exposed over MCP)");
  }
}

} // namespace

Integration read_integration(const Context& parent, const Section::Entry& entry) {
  Integration integration;
  integration.key = entry.key;
  integration.title = entry.key;
  integration.locations[""] = location_of(entry.key_mark);
  if (!is_name(entry.key, "_.-", 64))
    parent.error(entry.key_mark, "invalid integration key '" + entry.key +
                                     "' (expected 1 to 64 letters, digits, '_', '.' or '-')");

  Context ctx = parent.with_prefix("integration '" + entry.key + "': ");
  ctx.locations = &integration.locations;
  Field root{"", entry.field.node, entry.field.mark}; // paths inside read "auth.mode"
  Section section(ctx, root, kIntegrationKeys);
  if (!section.is_map())
    return integration;

  if (auto plugin = section.get("plugin"))
    integration.plugin = read_plugin(ctx, *plugin).value_or("");
  else
    ctx.error(entry.key_mark,
              "missing 'plugin' (the plugin's file name in plugin_dir, or an absolute path)");
  if (auto sha256 = section.get("sha256")) {
    if (auto text = read_string(ctx, *sha256)) {
      integration.sha256 = parse_sha256(*text);
      if (!integration.sha256)
        sha256->error(ctx, "expected 64 hexadecimal digits, got '" + *text + "'");
    }
  }
  if (auto title = section.get("title"))
    integration.title = read_nonempty_string(ctx, *title).value_or(entry.key);
  if (auto description = section.get("description"))
    integration.description = read_string(ctx, *description).value_or("");
  if (auto instructions = section.get("instructions"))
    integration.instructions = read_string(ctx, *instructions);
  if (auto access = section.get("access"))
    if (read_choice(ctx, *access, {"key", "open"}, "access").value_or("key") == "open")
      integration.access = Access::Open;
  std::optional<AuthMode> mode = AuthMode::None;
  if (auto auth_field = section.get("auth")) {
    auto auth = read_auth(ctx, *auth_field);
    integration.auth = auth.value_or(AuthConfig{});
    mode = auth ? std::optional(auth->mode) : std::nullopt;
  }
  if (auto proxy = section.get("proxy"))
    integration.proxy = read_proxy(ctx, *proxy, mode);
  if (auto actions = section.get("actions"))
    integration.actions = read_actions(ctx, *actions);
  if (auto staged = section.get("staged")) {
    integration.staged = read_action_list(ctx, *staged).value_or(std::vector<std::string>{});
    check_staged(ctx, integration, *staged);
  }
  if (auto redact = section.get("redact"))
    integration.redact = read_redact(ctx, *redact);
  if (auto settings = section.get("settings"))
    integration.settings_json = read_settings_json(ctx, *settings);
  return integration;
}

} // namespace actionhost::config::detail
