// An out-of-tree plugin: one typed action, built against the installed SDK.
#include <actionhost/plugin.hpp>

struct GreetIn {
  std::string name;
  std::optional<std::string> greeting;
  static auto fields() {
    return std::tuple{ah::field("name", &GreetIn::name, "Who to greet").min_length(1),
                      ah::field("greeting", &GreetIn::greeting, "Word to greet with")};
  }
};

struct GreetOut {
  std::string message;
  static auto fields() {
    return std::tuple{ah::field("message", &GreetOut::message, "The greeting")};
  }
};

GreetOut greet(ah::Context&, const GreetIn& in) {
  return {in.greeting.value_or("Hello") + ", " + in.name + "!"};
}

AH_PLUGIN("greeter", "1.0.0", "Greeter", "Greets people; built outside the ActionHost tree") {
  plugin.action("greet", greet).title("Greet").description("Greets someone by name").read_only();
}
