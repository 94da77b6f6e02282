// The Drive search query language (the `q` parameter of files.list).
#pragma once

#include "types.hpp"

#include <string>

namespace drive {

// A string literal of the query language: in single quotes, with ' and \ escaped by a backslash.
std::string quoted(const std::string& value);

// The q expression for a search: not trashed, and every filter given, joined with `and`.
std::string search_query(const SearchFilesIn& in);

} // namespace drive
