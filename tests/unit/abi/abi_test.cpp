// The ABI seen from both languages: same sizes, and the header's macros do what its comments say.
// The layout itself is frozen at compile time (layout_expectations.h).
#include "abi_probe.h"

#include <catch2/catch.hpp>

#include <cstring>

TEST_CASE("C11 and C++ agree on every struct size") {
  size_t c[ABI_PROBE_COUNT] = {};
  size_t cxx[ABI_PROBE_COUNT] = {};
  abi_probe_c11_sizes(c);
  abi_probe_cxx_sizes(cxx);
  for (int i = 0; i < ABI_PROBE_COUNT; ++i) {
    INFO("struct #" << i);
    CHECK(c[i] == cxx[i]);
  }
}

TEST_CASE("a definition written in C11 reads the same in C++") {
  const ah_plugin_def* def = abi_probe_c11_def();
  CHECK(def->struct_size == sizeof(ah_plugin_def));
  CHECK(def->abi_major == AH_ABI_VERSION_MAJOR);
  CHECK(def->abi_minor == AH_ABI_VERSION_MINOR);
  CHECK(std::string(def->id.ptr, def->id.len) == "c11_probe");
  CHECK(def->id.len == 9);
  CHECK(def->title.ptr == nullptr);
  CHECK(def->title.len == 0);
  CHECK(def->init != nullptr);
  CHECK(def->shutdown == nullptr);
}

TEST_CASE("AH_INIT zeroes a struct and sets its size, AH_CSTR measures NUL-terminated strings") {
  ah_action_desc action = abi_probe_c11_action();
  CHECK(action.struct_size == sizeof(ah_action_desc));
  CHECK(std::string(action.name.ptr, action.name.len) == "probe");
  CHECK(action.description.ptr == nullptr);
  CHECK(action.description.len == 0);
  CHECK(action.read_only_hint == AH_TRUE);
  CHECK(action.destructive_hint == AH_UNSET);
  CHECK(action.flags == AH_ACTION_SERIALIZED);
  CHECK(action.invoke == nullptr);
  CHECK(action.scopes == nullptr);
  CHECK(action.meta_json.len == 0);
}

TEST_CASE("AH_LIT and ah_cstr build the same view") {
  ah_str literal = AH_LIT("slack");
  ah_str measured = ah_cstr("slack");
  CHECK(literal.len == measured.len);
  CHECK(std::memcmp(literal.ptr, measured.ptr, literal.len) == 0);
}
