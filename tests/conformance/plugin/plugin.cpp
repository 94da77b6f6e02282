// The fixtures of the MCP conformance suite (@modelcontextprotocol/conformance), written against
// the public plugin API: the tools, resources and prompts its server scenarios call, with the
// names and outputs of the suite's reference server.
#include <actionhost/plugin.hpp>

#include <Poco/Base64Decoder.h>

#include <atomic>
#include <chrono>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace {

// A 1x1 red PNG and a minimal WAV, as the reference server sends them.
const char* kImageBase64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8"
    "jx0gAAAABJRU5ErkJggg==";
const char* kAudioBase64 = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";
const char* kAnyObject = R"({"type":"object","properties":{}})";

std::string bytes_of(const char* base64) {
  std::istringstream in(base64);
  Poco::Base64Decoder decoder(in);
  return std::string((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
}

ah::JsonObject object_of(const std::string& text) {
  return ah::json::parse_object(text);
}

void pause(int ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

struct PromptArgs {
  std::string arg1;
  std::string arg2;
  static auto fields() {
    return std::tuple{ah::field("arg1", &PromptArgs::arg1, "First test argument"),
                      ah::field("arg2", &PromptArgs::arg2, "Second test argument")};
  }
};

struct TemplateVars {
  std::string id;
  static auto fields() { return std::tuple{ah::field("id", &TemplateVars::id, "The item id")}; }
};

struct EmbeddedArgs {
  std::string resourceUri;
  static auto fields() {
    return std::tuple{
        ah::field("resourceUri", &EmbeddedArgs::resourceUri, "URI of the resource to embed")};
  }
};

struct NoArgs {
  static auto fields() { return std::tuple{}; }
};

ah::JsonObject elicitation_schema(const char* property) {
  return object_of(std::string(R"({"type":"object","properties":{")") + property +
                   R"(":{"type":"string"}},"required":[")" + property + R"("]})");
}

std::string text_of(const ah::JsonObject& answer) {
  return ah::json::stringify(answer);
}

} // namespace

AH_PLUGIN("conformance", "1.0.0", "Conformance fixtures",
          "The tools, resources and prompts the MCP conformance suite calls") {
  auto tool = [&](const char* name, const char* description, auto fn) -> auto& {
    return plugin.raw_action(name, kAnyObject, fn).description(description);
  };

  tool("test_simple_text", "Returns a simple text response",
       [](ah::Context&, const ah::JsonObject&) {
         return ah::ToolResult{}.text("This is a simple text response for testing.");
       });
  tool("test_image_content", "Returns an image", [](ah::Context&, const ah::JsonObject&) {
    return ah::ToolResult{}.image(bytes_of(kImageBase64), "image/png");
  });
  tool("test_audio_content", "Returns audio", [](ah::Context&, const ah::JsonObject&) {
    return ah::ToolResult{}.audio(bytes_of(kAudioBase64), "audio/wav");
  });
  tool("test_embedded_resource", "Returns an embedded resource",
       [](ah::Context&, const ah::JsonObject&) {
         return ah::ToolResult{}.resource(ah::content::resource_text(
             "test://embedded-resource", "This is an embedded resource content.", "text/plain"));
       });
  tool("test_multiple_content_types", "Returns text, an image and a resource",
       [](ah::Context&, const ah::JsonObject&) {
         return ah::ToolResult{}
             .text("Multiple content types test:")
             .image(bytes_of(kImageBase64), "image/png")
             .resource(ah::content::resource_text("test://mixed-content-resource",
                                                  R"({"test":"data","value":123})",
                                                  "application/json"));
       });
  tool("test_tool_with_logging", "Logs three messages while it runs",
       [](ah::Context& ctx, const ah::JsonObject&) {
         ctx.log(ah::LogLevel::info, "Tool execution started");
         pause(50);
         ctx.log(ah::LogLevel::info, "Tool processing data");
         pause(50);
         ctx.log(ah::LogLevel::info, "Tool execution completed");
         return ah::ToolResult{}.text("Tool with logging executed successfully");
       });
  tool("test_logging_tool", "Logs a message (only sent when the client asked for logs)",
       [](ah::Context& ctx, const ah::JsonObject&) {
         ctx.log(ah::LogLevel::info, "logging tool ran");
         return ah::ToolResult{}.text("logged");
       });
  tool("test_tool_with_progress", "Reports progress 0, 50, 100 of 100",
       [](ah::Context& ctx, const ah::JsonObject&) {
         for (int step = 0; step <= 100; step += 50) {
           ctx.progress(step, 100, "Completed step " + std::to_string(step) + " of 100");
           if (step < 100)
             pause(50);
         }
         auto meta = ctx.request_meta();
         return ah::ToolResult{}.text(
             meta && meta->has("progressToken") ? meta->get("progressToken").toString() : "done");
       });
  tool("test_error_handling", "Always fails as a tool error",
       [](ah::Context&, const ah::JsonObject&) {
         return ah::ToolResult::error("This tool intentionally returns an error for testing");
       });
  tool("test_reconnection", "Answers after a pause", [](ah::Context& ctx, const ah::JsonObject&) {
    ctx.log(ah::LogLevel::info, "reconnection test started");
    pause(100);
    return ah::ToolResult{}.text("Reconnection test completed");
  });
  tool(
      "test_sampling", "Asks the client's model", [](ah::Context& ctx, const ah::JsonObject& args) {
        std::string prompt = args && args->has("prompt") ? args->get("prompt").toString() : "Hello";
        return ah::ToolResult{}.text("LLM response: " + ctx.sample_text(prompt, 100));
      });
  tool("test_elicitation", "Asks the user", [](ah::Context& ctx, const ah::JsonObject& args) {
    std::string message =
        args && args->has("message") ? args->get("message").toString() : "Please respond";
    auto answer = ctx.elicit(message, elicitation_schema("response"));
    return ah::ToolResult{}.text(
        "User response: action=" + answer->optValue<std::string>("action", "") +
        ", content=" + text_of(answer->getObject("content")));
  });
  tool(
      "test_elicitation_sep1034_defaults", "Asks with defaults",
      [](ah::Context& ctx, const ah::JsonObject&) {
        auto schema = object_of(
            R"({"type":"object","properties":{)"
            R"("name":{"type":"string","default":"John Doe"},)"
            R"("age":{"type":"integer","default":30},)"
            R"("score":{"type":"number","default":95.5},)"
            R"("status":{"type":"string","enum":["active","inactive","pending"],"default":"active"},)"
            R"("verified":{"type":"boolean","default":true}},"required":[]})");
        auto answer = ctx.elicit("Please review and update the form fields with defaults", schema);
        return ah::ToolResult{}.text(
            "Elicitation completed: action=" + answer->optValue<std::string>("action", "") +
            ", content=" + text_of(answer->getObject("content")));
      });

  tool(
      "test_elicitation_sep1330_enums", "Asks with every enum form (SEP-1330)",
      [](ah::Context& ctx, const ah::JsonObject&) {
        auto schema = object_of(
            R"({"type":"object","properties":{)"
            R"("untitledSingle":{"type":"string","description":"Pick one",)"
            R"("enum":["option1","option2","option3"]},)"
            R"("titledSingle":{"type":"string","description":"Pick one",)"
            R"("oneOf":[{"const":"value1","title":"First Option"},)"
            R"({"const":"value2","title":"Second Option"},{"const":"value3","title":"Third Option"}]},)"
            R"("legacyEnum":{"type":"string","description":"Pick one",)"
            R"("enum":["opt1","opt2","opt3"],"enumNames":["Option One","Option Two","Option Three"]},)"
            R"("untitledMulti":{"type":"array","description":"Pick some","minItems":1,"maxItems":3,)"
            R"("items":{"type":"string","enum":["option1","option2","option3"]}},)"
            R"("titledMulti":{"type":"array","description":"Pick some","minItems":1,"maxItems":3,)"
            R"("items":{"anyOf":[{"const":"value1","title":"First Choice"},)"
            R"({"const":"value2","title":"Second Choice"},{"const":"value3","title":"Third Choice"}]}}},)"
            R"("required":[]})");
        auto answer = ctx.elicit("Please select options from the enum fields", schema);
        return ah::ToolResult{}.text(
            "Elicitation completed: action=" + answer->optValue<std::string>("action", "") +
            ", content=" + text_of(answer->getObject("content")));
      });
  // SEP-1613: 2020-12 keywords survive tools/list verbatim.
  plugin
      .raw_action(
          "json_schema_2020_12_tool",
          R"({"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",)"
          R"("$defs":{"address":{"$anchor":"addressDef","type":"object","properties":{)"
          R"("street":{"type":"string"},"city":{"type":"string"}}}},)"
          R"("properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"},)"
          R"("contactMethod":{"type":"string","enum":["phone","email"]},)"
          R"("phone":{"type":"string"},"email":{"type":"string"}},)"
          R"("allOf":[{"anyOf":[{"required":["phone"]},{"required":["email"]}]}],)"
          R"("if":{"properties":{"contactMethod":{"const":"phone"}},"required":["contactMethod"]},)"
          R"("then":{"required":["phone"]},"else":{"required":["email"]},)"
          R"("additionalProperties":false})",
          [](ah::Context&, const ah::JsonObject& args) {
            return ah::ToolResult{}.text("Received: " + ah::json::stringify(args));
          })
      .description("Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)");

  // List changes (server-stateless listens for them; session clients hear them on GET).
  tool("test_trigger_tool_change", "Announces that the tool list changed",
       [](ah::Context& ctx, const ah::JsonObject&) {
         ctx.notify(ah::Change::tools);
         return ah::ToolResult{}.text("tools/list_changed sent");
       });
  tool("test_trigger_prompt_change", "Announces that the prompt list changed",
       [](ah::Context& ctx, const ah::JsonObject&) {
         ctx.notify(ah::Change::prompts);
         return ah::ToolResult{}.text("prompts/list_changed sent");
       });
  tool("test_trigger_resource_change",
       "Announces that the resource list changed and that test://watched-resource was updated",
       [](ah::Context& ctx, const ah::JsonObject&) {
         ctx.notify(ah::Change::resources);
         ctx.notify(ah::Change::resource_updated, "test://watched-resource");
         return ah::ToolResult{}.text("resources/list_changed and resources/updated sent");
       });
  // SEP-2243: a parameter mirrored into the Mcp-Param-Region header.
  plugin
      .raw_action(
          "test_header_param",
          R"({"type":"object","properties":{"region":{"type":"string",)"
          R"("description":"Where to run","x-mcp-header":"Region"}},"required":["region"]})",
          [](ah::Context&, const ah::JsonObject& args) {
            return ah::ToolResult{}.text("region=" + args->optValue<std::string>("region", ""));
          })
      .description("Echoes its region, which clients also send as the Mcp-Param-Region header");
  // SEP-1036 (2025-11-25): a URL the user must visit first; the request fails with -32042.
  tool("test_url_elicitation", "Needs the user to visit a URL before it can run",
       [](ah::Context& ctx, const ah::JsonObject&) {
         ctx.client_request("elicitation/create",
                            object_of(R"({"mode":"url","message":"Connect your account",)"
                                      R"("url":"https://example.com/connect"})"),
                            "connect");
         return ah::ToolResult{}.text("connected");
       });

  // Cancellation: waits (up to 10 s) until its request is cancelled; the count says how many were.
  static std::atomic<int> cancelled_waits{0};
  tool("test_wait_for_cancel", "Waits until the request is cancelled (at most 10 s)",
       [](ah::Context& ctx, const ah::JsonObject&) {
         for (int i = 0; i < 1000; ++i) {
           if (ctx.cancelled()) {
             ++cancelled_waits;
             return ah::ToolResult{}.text("cancelled");
           }
           pause(10);
         }
         return ah::ToolResult{}.text("not cancelled");
       });
  tool("test_cancelled_count", "How many test_wait_for_cancel calls were cancelled so far",
       [](ah::Context&, const ah::JsonObject&) {
         return ah::ToolResult{}.text(std::to_string(cancelled_waits.load()));
       });

  // Stateless era (2026-07-28) diagnostics and multi round-trip requests.
  tool("test_missing_capability", "Needs sampling, which the client may not declare",
       [](ah::Context& ctx, const ah::JsonObject&) {
         return ah::ToolResult{}.text(ctx.sample_text("Say hi", 10, "sample"));
       });
  tool("test_streaming_elicitation", "Asks the user for a name",
       [](ah::Context& ctx, const ah::JsonObject&) {
         auto answer = ctx.elicit("Your name?", elicitation_schema("name"), "name");
         return ah::ToolResult{}.text("Hello " + text_of(answer));
       });
  tool("test_input_required_result_elicitation", "Asks for the user's name",
       [](ah::Context& ctx, const ah::JsonObject&) {
         auto answer =
             ctx.elicit("Please provide your name", elicitation_schema("name"), "user_name");
         auto content = answer->getObject("content");
         return ah::ToolResult{}.text(
             "Hello, " + (content ? content->optValue<std::string>("name", "") : "") + "!");
       });
  tool("test_input_required_result_tampered_state", "Asks once, keeping state",
       [](ah::Context& ctx, const ah::JsonObject&) {
         ctx.elicit("Please confirm", elicitation_schema("ok"), "confirm");
         return ah::ToolResult{}.text("state-ok");
       });
  tool("test_input_required_result_request_state", "Asks once, keeping state",
       [](ah::Context& ctx, const ah::JsonObject&) {
         ctx.elicit("Please confirm", elicitation_schema("ok"), "confirm");
         return ah::ToolResult{}.text("state-ok");
       });
  tool("test_input_required_result_sampling", "Asks the client's model",
       [](ah::Context& ctx, const ah::JsonObject&) {
         return ah::ToolResult{}.text(
             ctx.sample_text("What is the capital of France?", 100, "sample_request"));
       });
  tool("test_input_required_result_list_roots", "Asks for the client's roots",
       [](ah::Context& ctx, const ah::JsonObject&) {
         auto roots = ctx.client_request("roots/list", ah::json::object(), "roots_request");
         return ah::ToolResult{}.text("Roots: " + text_of(roots));
       });
  tool("test_input_required_result_multiple_inputs", "Asks three questions at once",
       [](ah::Context& ctx, const ah::JsonObject&) {
         auto name = ctx.try_client_request(
             "elicitation/create",
             object_of(R"({"mode":"form","message":"Your name?","requestedSchema":)" +
                       ah::json::stringify(elicitation_schema("name")) + "}"),
             "user_name");
         auto sample = ctx.try_client_request(
             "sampling/createMessage",
             object_of(R"({"messages":[{"role":"user","content":{"type":"text",)"
                       R"("text":"What is the capital of France?"}}],"maxTokens":100})"),
             "sample_request");
         auto roots = ctx.try_client_request("roots/list", ah::json::object(), "roots_request");
         if (!name || !sample || !roots)
           throw ah::InputRequired{};
         return ah::ToolResult{}.text("All inputs received");
       });
  tool("test_input_required_result_multi_round", "Asks a name, then a colour",
       [](ah::Context& ctx, const ah::JsonObject&) {
         auto name = ctx.elicit("Your name?", elicitation_schema("name"), "user_name");
         auto color = ctx.elicit("Your favourite colour?", elicitation_schema("color"), "color");
         return ah::ToolResult{}.text("Got " + text_of(name) + " and " + text_of(color));
       });
  tool("test_input_required_result_capabilities", "Asks only what the client supports",
       [](ah::Context& ctx, const ah::JsonObject&) {
         if (ctx.client_supports("elicitation"))
           ctx.elicit("Your name?", elicitation_schema("name"), "user_name");
         else
           ctx.sample_text("Say hi", 10, "sample_request");
         return ah::ToolResult{}.text("done");
       });

  // The tasks extension (SEP-2663): the fixtures of the suite's tasks-* scenarios. Each reports
  // progress once it has what it needs, which is when the host hands the call off to a task.
  auto task_tool = [&](const char* name, const char* description, ah::TaskSupport support,
                       auto fn) -> auto& {
    return plugin.raw_action(name, kAnyObject, fn).description(description).task_support(support);
  };
  // Sleeps in small steps, false once the call (or task) is cancelled.
  auto sleep_unless_cancelled = [](ah::Context& ctx, double seconds) {
    for (int i = 0; i < static_cast<int>(seconds * 20); ++i) {
      if (ctx.cancelled())
        return false;
      pause(50);
    }
    return !ctx.cancelled();
  };
  tool("greet", "Says hello (never a task)", [](ah::Context&, const ah::JsonObject& args) {
    return ah::ToolResult{}.text("Hello, " + args->optValue<std::string>("name", "World") + "!");
  });
  task_tool("slow_compute", "Sleeps `seconds` seconds, then answers (may run as a task)",
            ah::TaskSupport::optional,
            [sleep_unless_cancelled](ah::Context& ctx, const ah::JsonObject& args) {
              double seconds = args->optValue<double>("seconds", 1);
              std::string label = args->optValue<std::string>("label", "job");
              ctx.progress(0, seconds, "computing " + label);
              if (!sleep_unless_cancelled(ctx, seconds))
                return ah::ToolResult{}.text("cancelled: " + label);
              return ah::ToolResult{}.text("Computed " + label + " in " +
                                           std::to_string(static_cast<int>(seconds)) + "s");
            });
  task_tool("failing_job", "Fails as a tool error after about a second (only as a task)",
            ah::TaskSupport::required,
            [sleep_unless_cancelled](ah::Context& ctx, const ah::JsonObject&) {
              ctx.progress(0, 1, "working");
              sleep_unless_cancelled(ctx, 1);
              return ah::ToolResult::error("The job failed: the input could not be processed");
            });
  task_tool("protocol_error_job", "Breaks (an exception escapes): the task fails",
            ah::TaskSupport::optional, [](ah::Context& ctx, const ah::JsonObject&) {
              ctx.progress(0, 1, "working");
              pause(100);
              throw std::runtime_error("the job broke: internal failure");
              return ah::ToolResult{};
            });
  task_tool("confirm_delete", "Asks the user to confirm, then deletes `filename`",
            ah::TaskSupport::optional, [](ah::Context& ctx, const ah::JsonObject& args) {
              std::string file = args->optValue<std::string>("filename", "file");
              ctx.progress(0, 1, "preparing to delete " + file);
              auto answer = ctx.elicit(
                  "Delete " + file + "?",
                  object_of(R"({"type":"object","properties":{"confirm":{"type":"boolean"}},)"
                            R"("required":["confirm"]})"),
                  "confirm_delete");
              bool yes = answer->optValue<std::string>("action", "") == "accept";
              return ah::ToolResult{}.text(yes ? "Deleted " + file : "Kept " + file);
            });
  task_tool("multi_input", "Asks two questions at once", ah::TaskSupport::optional,
            [](ah::Context& ctx, const ah::JsonObject&) {
              ctx.progress(0, 1, "asking");
              auto ask = [&](const char* message, const char* property, const char* key) {
                return ctx.try_client_request(
                    "elicitation/create",
                    object_of(std::string(R"({"mode":"form","message":")") + message +
                              R"(","requestedSchema":)" +
                              ah::json::stringify(elicitation_schema(property)) + "}"),
                    key);
              };
              auto name = ask("Your name?", "name", "multi_name");
              auto confirm = ask("Confirm?", "confirm", "multi_confirm");
              if (!name || !confirm)
                throw ah::InputRequired{};
              return ah::ToolResult{}.text("Got " + text_of(*name) + " and " + text_of(*confirm));
            });
  task_tool("test_tool_with_task", "Asks a name (round trip), then runs as a task",
            ah::TaskSupport::required, [](ah::Context& ctx, const ah::JsonObject&) {
              auto answer = ctx.elicit("Your name?", elicitation_schema("name"), "user_name");
              auto content = answer->getObject("content");
              std::string name = content ? content->optValue<std::string>("name", "") : "";
              ctx.progress(0, 1, "greeting " + name);
              pause(200);
              return ah::ToolResult{}.text("Hello, " + name + "!");
            });

  plugin
      .resource("test://static-text", "static-text",
                [](ah::Context&) {
                  return std::string("This is the content of the static text resource.");
                })
      .description("A static text resource")
      .mime_type("text/plain");
  plugin
      .resource("test://static-binary", "static-binary",
                [](ah::Context&) {
                  return std::vector<ah::Content>{ah::content::resource_blob(
                      "test://static-binary", bytes_of(kImageBase64), "image/png")};
                })
      .description("A static binary resource")
      .mime_type("image/png");
  plugin
      .resource("test://watched-resource", "watched-resource",
                [](ah::Context&) { return std::string("Watched resource content"); })
      .description("A resource to subscribe to")
      .mime_type("text/plain");
  plugin
      .resource_template<TemplateVars>(
          "test://template/{id}/data", "template",
          [](ah::Context&, const TemplateVars& v) {
            return std::string(R"({"id":")" + v.id +
                               R"(","templateTest":true,"data":"Data for ID: )" + v.id + R"("})");
          })
      .description("A resource template")
      .mime_type("application/json");

  plugin
      .prompt<NoArgs>("test_simple_prompt",
                      [](ah::Context&, const NoArgs&) {
                        return std::vector<ah::PromptMessage>{
                            ah::PromptMessage::user("This is a simple prompt for testing.")};
                      })
      .description("A simple prompt without arguments");
  plugin
      .prompt<PromptArgs>("test_prompt_with_arguments",
                          [](ah::Context&, const PromptArgs& a) {
                            return std::vector<ah::PromptMessage>{
                                ah::PromptMessage::user("Prompt with arguments: arg1='" + a.arg1 +
                                                        "', arg2='" + a.arg2 + "'")};
                          })
      .description("A prompt with arguments");
  plugin
      .prompt<EmbeddedArgs>(
          "test_prompt_with_embedded_resource",
          [](ah::Context&, const EmbeddedArgs& a) {
            return std::vector<ah::PromptMessage>{
                {"user",
                 ah::content::resource_text(a.resourceUri, "Embedded resource content for testing.",
                                            "text/plain")},
                ah::PromptMessage::user("Please process the embedded resource above.")};
          })
      .description("A prompt with an embedded resource");
  plugin
      .prompt<NoArgs>("test_input_required_result_prompt",
                      [](ah::Context& ctx, const NoArgs&) {
                        auto answer = ctx.elicit("What context should the prompt use?",
                                                 elicitation_schema("context"), "user_context");
                        auto content = answer->getObject("content");
                        return std::vector<ah::PromptMessage>{ah::PromptMessage::user(
                            "Prompt with context: " +
                            (content ? content->optValue<std::string>("context", "") : ""))};
                      })
      .description("A prompt that asks the user for context first (multi round-trip)");
  plugin
      .prompt<NoArgs>("test_prompt_with_image",
                      [](ah::Context&, const NoArgs&) {
                        return std::vector<ah::PromptMessage>{
                            {"user", ah::content::image(bytes_of(kImageBase64), "image/png")},
                            ah::PromptMessage::user("Please analyze the image above.")};
                      })
      .description("A prompt with an image");
}
