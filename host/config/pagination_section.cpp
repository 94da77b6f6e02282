#include "keys.hpp"
#include "sections.hpp"

namespace actionhost::config::detail {

PaginationConfig read_pagination(const Context& ctx, const Field& field) {
  PaginationConfig pagination;
  Section section(ctx, field, kPaginationKeys);
  if (!section.is_map())
    return pagination;
  auto style_field = section.get("style");
  if (!style_field) {
    field.error(ctx, "missing 'style' (expected one of cursor, link, offset)");
    return pagination;
  }
  auto style = read_choice(ctx, *style_field, {"cursor", "link", "offset"}, "pagination style");
  if (!style)
    return pagination;
  pagination.style = *style == "cursor" ? PaginationStyle::Cursor
                     : *style == "link" ? PaginationStyle::Link
                                        : PaginationStyle::Offset;

  const std::string actual = "the style is " + *style;
  reject_unless(ctx, section, "cursor_param", *style == "cursor", "style cursor", actual);
  reject_unless(ctx, section, "cursor_path", *style == "cursor", "style cursor", actual);
  reject_unless(ctx, section, "link_path", *style == "link", "style link", actual);
  reject_unless(ctx, section, "offset_param", *style == "offset", "style offset", actual);

  // Each style needs to know where its position travels; the rest is optional.
  auto required = [&](const std::string& key, std::string& out) {
    if (auto value = section.get(key))
      out = read_nonempty_string(ctx, *value).value_or("");
    else
      field.error(ctx, "missing '" + key + "' (required with style " + *style + ")");
  };
  auto optional = [&](const std::string& key, std::string& out) {
    if (auto value = section.get(key))
      out = read_nonempty_string(ctx, *value).value_or("");
  };
  if (pagination.style == PaginationStyle::Cursor) {
    required("cursor_param", pagination.cursor_param);
    required("cursor_path", pagination.cursor_path);
  } else if (pagination.style == PaginationStyle::Link) {
    optional("link_path", pagination.link_path);
  } else {
    required("offset_param", pagination.offset_param);
  }
  optional("limit_param", pagination.limit_param);
  optional("results_path", pagination.results_path);
  if (auto limit = section.get("limit"))
    if (auto value = read_int(ctx, *limit, 1, 1000000))
      pagination.limit = static_cast<int>(*value);
  return pagination;
}

} // namespace actionhost::config::detail
