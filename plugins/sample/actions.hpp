// The sample plugin's actions and their input/output types.
#pragma once

#include <actionhost/plugin.hpp>

namespace sample {

struct EchoIn {
  std::string text;
  static auto fields() {
    return std::tuple{ah::field("text", &EchoIn::text, "Text to send back").max_length(100000)};
  }
};
struct EchoOut {
  std::string text;
  static auto fields() {
    return std::tuple{ah::field("text", &EchoOut::text, "The text received, unchanged")};
  }
};
EchoOut echo(ah::Context& ctx, const EchoIn& in);

struct AddIn {
  double a = 0;
  double b = 0;
  static auto fields() {
    return std::tuple{ah::field("a", &AddIn::a, "First addend"),
                      ah::field("b", &AddIn::b, "Second addend")};
  }
};
struct AddOut {
  double sum = 0;
  static auto fields() { return std::tuple{ah::field("sum", &AddOut::sum, "a + b")}; }
};
AddOut add(ah::Context& ctx, const AddIn& in);

enum class TimeFormat { rfc3339, rfc1123, unix_seconds };

struct CurrentTimeIn {
  TimeFormat format = TimeFormat::rfc3339;
  static auto fields() {
    return std::tuple{ah::field("format", &CurrentTimeIn::format,
                                "How to write `formatted`: rfc3339 (2024-05-01T09:30:00Z), "
                                "rfc1123 (Wed, 01 May 2024 09:30:00 GMT) or unix_seconds")
                          .default_value(TimeFormat::rfc3339)};
  }
};
struct CurrentTimeOut {
  ah::DateTime utc;
  std::string formatted;
  static auto fields() {
    return std::tuple{
        ah::field("utc", &CurrentTimeOut::utc, "The current time in UTC, RFC 3339"),
        ah::field("formatted", &CurrentTimeOut::formatted, "The same instant in the format asked")};
  }
};
CurrentTimeOut current_time(ah::Context& ctx, const CurrentTimeIn& in);

} // namespace sample

template <> struct ah::enum_names<sample::TimeFormat> {
  static constexpr ah::enumerator<sample::TimeFormat> values[] = {
      {sample::TimeFormat::rfc3339, "rfc3339"},
      {sample::TimeFormat::rfc1123, "rfc1123"},
      {sample::TimeFormat::unix_seconds, "unix_seconds"}};
};
