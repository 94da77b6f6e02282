// Building files.list's q expression.
#include "query.hpp"

namespace drive {

std::string quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "'";
}

std::string search_query(const SearchFilesIn& in) {
  std::string q = "trashed = false";
  if (in.name)
    q += " and name contains " + quoted(*in.name);
  if (in.text)
    q += " and fullText contains " + quoted(*in.text);
  if (in.mime_type)
    q += " and mimeType = " + quoted(*in.mime_type);
  return q;
}

} // namespace drive
