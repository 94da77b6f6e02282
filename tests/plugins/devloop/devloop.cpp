// A provider client as a plugin author would write one: typed inputs and outputs, every provider
// call through ctx.proxy(). Its provider is the fake in tests/integration/devloop_test.cpp.
#include <actionhost/plugin.hpp>

namespace {

struct Item {
  std::string id;
  std::string name;
  static auto fields() {
    return std::tuple{ah::field("id", &Item::id, "Item id"),
                      ah::field("name", &Item::name, "Item name")};
  }
};

Item item_of(const ah::Json& value) {
  auto object = ah::json::as_object(value);
  if (!object)
    throw ah::ToolError("provider sent an item that is not an object");
  return {object->optValue<std::string>("id", ""), object->optValue<std::string>("name", "")};
}

struct ListIn {
  int32_t limit = 10;
  std::optional<std::string> tag;
  static auto fields() {
    return std::tuple{ah::field("limit", &ListIn::limit, "How many items")
                          .minimum(1)
                          .maximum(50)
                          .default_value(10),
                      ah::field("tag", &ListIn::tag, "Only items with this tag")};
  }
};

struct ListOut {
  std::vector<Item> items;
  std::string fetched_at;
  static auto fields() {
    return std::tuple{ah::field("items", &ListOut::items, "The items"),
                      ah::field("fetched_at", &ListOut::fetched_at, "When the provider answered")};
  }
};

ListOut list_items(ah::Context& ctx, const ListIn& in) {
  ah::Pairs query = {{"limit", std::to_string(in.limit)}};
  if (in.tag)
    query.emplace_back("tag", *in.tag);
  // A connection may pin a region (its metadata): the provider then wants it on every list.
  auto metadata = ctx.connection().metadata;
  if (metadata && metadata->has("region"))
    query.emplace_back("region", metadata->getValue<std::string>("region"));
  auto body = ctx.proxy().get("/items", query).expect_ok().json_object();
  ListOut out;
  if (auto items = ah::json::as_array(body->get("items")))
    for (size_t i = 0; i < items->size(); ++i)
      out.items.push_back(item_of(items->get(static_cast<unsigned>(i))));
  out.fetched_at = body->optValue<std::string>("fetched_at", "");
  return out;
}

struct CreateIn {
  std::string name;
  static auto fields() {
    return std::tuple{ah::field("name", &CreateIn::name, "Name of the new item").min_length(1)};
  }
};

Item create_item(ah::Context& ctx, const CreateIn& in) {
  auto request = ah::json::object();
  request->set("name", in.name);
  return item_of(ctx.proxy().post("/items", request).expect_ok().json_object());
}

struct WhoamiIn {
  static auto fields() { return std::tuple{}; }
};

struct WhoamiOut {
  std::string user;
  std::string session_token;
  static auto fields() {
    return std::tuple{ah::field("user", &WhoamiOut::user, "Who the connection is"),
                      ah::field("session_token", &WhoamiOut::session_token,
                                "A token the provider hands out (a secret)")};
  }
};

WhoamiOut whoami(ah::Context& ctx, const WhoamiIn&) {
  auto body = ctx.proxy().get("/me").expect_ok().json_object();
  return {body->optValue<std::string>("user", ""),
          body->optValue<std::string>("session_token", "")};
}

} // namespace

AH_PLUGIN("devloop", "1.0.0", "Devloop", "Items of a fake provider") {
  plugin.action("list-items", list_items).title("List items").read_only();
  plugin.action("create-item", create_item).title("Create an item");
  plugin.action("whoami", whoami).title("Who am I").read_only();
}
