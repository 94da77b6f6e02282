// Encoding structs as JSON: the inverse of decoding, with empty optionals left out.
#include "json_text.hpp"

#include <catch2/catch.hpp>

namespace {

enum class Status { open, closed };

struct Item {
  std::string id;
  std::optional<std::int64_t> size;
  static auto fields() {
    return std::tuple{ah::field("id", &Item::id), ah::field("size", &Item::size)};
  }
};

struct Page {
  std::vector<Item> items;
  std::map<std::string, double> totals;
  Status status = Status::open;
  ah::DateTime updated;
  std::optional<std::string> next_cursor;
  bool partial = false;
  ah::Json raw;
  static auto fields() {
    return std::tuple{ah::field("items", &Page::items),
                      ah::field("totals", &Page::totals),
                      ah::field("status", &Page::status),
                      ah::field("updated", &Page::updated),
                      ah::field("next_cursor", &Page::next_cursor),
                      ah::field("partial", &Page::partial),
                      ah::field("raw", &Page::raw)};
  }
};

struct Ratio {
  double value = 0;
  static auto fields() { return std::tuple{ah::field("value", &Ratio::value)}; }
};

} // namespace

template <> struct ah::enum_names<Status> {
  static constexpr ah::enumerator<Status> values[] = {{Status::open, "open"},
                                                      {Status::closed, "closed"}};
};

TEST_CASE("encode: a struct becomes an object in field order, empty optionals are left out") {
  Page page;
  page.items = {{"a", 10}, {"b", std::nullopt}};
  page.totals = {{"eur", 1.5}};
  page.status = Status::closed;
  page.updated = ah::DateTime{"2024-05-01T09:30:00Z"};
  page.raw = ah::json::parse(R"({"x": [true, null]})");
  CHECK(ah::encode_json(page) ==
        R"({"items":[{"id":"a","size":10},{"id":"b"}],"totals":{"eur":1.5},"status":"closed",)"
        R"("updated":"2024-05-01T09:30:00Z","partial":false,"raw":{"x":[true,null]}})");
}

TEST_CASE("encode: decoding what was encoded gives the same value back") {
  Page page;
  page.items = {{"a", 10}};
  page.next_cursor = "c2";
  page.updated = ah::DateTime{"2024-05-01T09:30:00.5+02:00"};
  page.raw = ah::json::parse("[1]");
  Page back = ah::decode_json<Page>(ah::encode_json(page));
  CHECK(back.items.size() == 1);
  CHECK(back.items[0].size == 10);
  CHECK(back.next_cursor == "c2");
  CHECK(back.updated == page.updated);
  CHECK(ah::encode_json(back) == ah::encode_json(page));
}

TEST_CASE("encode: values JSON cannot hold are errors, not invalid output") {
  CHECK_THROWS_AS(ah::encode_json(Ratio{std::nan("")}), std::domain_error);
  Page page;
  page.status = static_cast<Status>(9);
  CHECK_THROWS_WITH(ah::encode_json(page), "enum value 9 has no name in ah::enum_names");
}
