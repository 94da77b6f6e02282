// search_files: files.list with a q expression, page by page up to the caller's limit.
#include "drive_api.hpp"
#include "query.hpp"

#include <algorithm>

namespace drive {

namespace {

constexpr int kPageSize = 100; // Drive's default page; it may return fewer
constexpr int kMaxPages = 50;

} // namespace

SearchFilesOut search_files(ah::Context& ctx, const SearchFilesIn& in) {
  SearchFilesOut out;
  const std::string q = search_query(in);
  const auto limit = static_cast<size_t>(in.limit);
  std::string token = in.page_token.value_or("");
  for (int page = 0; out.files.size() < limit && page < kMaxPages; ++page) {
    ctx.throw_if_cancelled();
    ah::Pairs query{
        {"q", q},
        {"pageSize", std::to_string(std::min<size_t>(limit - out.files.size(), kPageSize))},
        {"fields", std::string("nextPageToken,incompleteSearch,files(") + kFileFields + ")"}};
    // Drive refuses orderBy with fullText terms: those come by relevance.
    if (!in.text)
      query.emplace_back("orderBy", "modifiedTime desc");
    if (!token.empty())
      query.emplace_back("pageToken", token);
    auto body = get(ctx, "/files", query, "the search").json_object();
    if (auto files = body->getArray("files"))
      for (size_t i = 0; i < files->size() && out.files.size() < limit; ++i)
        out.files.push_back(file_of(files->getObject(static_cast<unsigned>(i))));
    out.incomplete = out.incomplete || body->optValue<bool>("incompleteSearch", false);
    token = text(body, "nextPageToken");
    if (token.empty())
      break;
  }
  if (!token.empty())
    out.next_page_token = token;
  return out;
}

} // namespace drive
