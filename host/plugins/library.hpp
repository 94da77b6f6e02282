// An opened shared library (Boost.DLL). Closing it is the destructor's job, so the owner decides
// when plugin code stops existing.
#pragma once

#include <actionhost/plugin.h>

#include <memory>
#include <string>

namespace actionhost::plugins::detail {

class Library {
public:
  // Opens with RTLD_NOW | RTLD_LOCAL: unresolved symbols fail here rather than mid-call, and two
  // plugins never see each other's symbols. Throws std::runtime_error with the loader's reason.
  explicit Library(const std::string& path);
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  // The AH_PLUGIN_ENTRY_SYMBOL function, or null when the library does not export it.
  ah_plugin_entry_fn entry() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace actionhost::plugins::detail
