// Opening plugin libraries with Boost.DLL, which we use only to open a file and find one C symbol.
#include "library.hpp"

#include <boost/dll/shared_library.hpp>
#include <boost/system/system_error.hpp>

#include <stdexcept>

namespace actionhost::plugins::detail {

struct Library::Impl {
  boost::dll::shared_library library;
};

namespace {

// Boost wraps dlerror() as "... (dlerror system message: <text>): <errno text>"; the dlerror text
// is the useful part ("invalid ELF header", "undefined symbol: foo").
std::string loader_reason(const std::string& what) {
  const std::string marker = "(dlerror system message: ";
  auto start = what.find(marker);
  if (start == std::string::npos)
    return what;
  start += marker.size();
  auto end = what.rfind("):");
  if (end == std::string::npos || end < start)
    end = what.size();
  return what.substr(start, end - start);
}

} // namespace

Library::Library(const std::string& path) : impl_(std::make_unique<Impl>()) {
  try {
    impl_->library.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error(loader_reason(e.what()));
  }
}

Library::~Library() = default;

ah_plugin_entry_fn Library::entry() const {
  if (!impl_->library.has(AH_PLUGIN_ENTRY_SYMBOL))
    return nullptr;
  return impl_->library.get<const ah_plugin_def*()>(AH_PLUGIN_ENTRY_SYMBOL);
}

} // namespace actionhost::plugins::detail
