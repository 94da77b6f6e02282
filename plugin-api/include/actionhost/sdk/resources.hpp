// ah::Resource and ah::ResourceTemplate: readable resources, fixed or by URI template.
// A reader returns the text of the resource (sent with the registered MIME type) or a list of
// ah::content::resource_text / resource_blob blocks.
#pragma once

#include <actionhost/sdk/callable.hpp>
#include <actionhost/sdk/completion.hpp>

#include <functional>
#include <variant>

namespace ah {

using ResourceContents = std::variant<std::string, std::vector<Content>>;

namespace detail {

// Fills in the URI being read and the registered MIME type where a block leaves them empty.
inline ah_status emit_contents(Context& ctx, ResourceContents contents, std::string_view mime) {
  std::vector<Content> blocks;
  if (auto* text = std::get_if<std::string>(&contents))
    blocks.push_back(content::resource_text({}, std::move(*text)));
  else
    blocks = std::move(std::get<std::vector<Content>>(contents));
  for (Content& b : blocks) {
    if (b.uri.empty())
      b.uri = ctx.uri();
    if (b.mime_type.empty())
      b.mime_type = mime;
    ah_content c = b.c_view();
    check(ctx.host().add_content(ctx.call(), &c), "a resource content block");
  }
  return AH_OK;
}

// What resources and templates share: identity, display fields and a reader.
template <class Self> class ResourceBase {
public:
  using Reader = std::function<ResourceContents(Context&)>;

  Self& title(std::string v) { return set(title_, std::move(v)); }
  Self& description(std::string v) { return set(description_, std::move(v)); }
  Self& mime_type(std::string v) { return set(mime_type_, std::move(v)); }
  Self& annotations(std::string json) { return set(annotations_, std::move(json)); }

  const std::string& name() const { return name_; }
  const ah_host_api* host() const { return host_; }

  static ah_status read(void* state, ah_call* call, const ah_invocation* inv) noexcept {
    const Self& r = *static_cast<const Self*>(state);
    return guarded(r.host_, call, Self::kind, r.id(), [&] {
      Context ctx(r.host_, call, inv);
      return emit_contents(ctx, r.reader_(ctx), r.mime_type_);
    });
  }

protected:
  ResourceBase(const ah_host_api* host, std::string name, Reader reader)
      : host_(host), name_(std::move(name)), reader_(std::move(reader)) {}
  template <class D> void fill(D& d) const {
    AH_INIT(d);
    d.name = view(name_);
    d.title = view(title_);
    d.description = view(description_);
    d.mime_type = view(mime_type_);
    d.read = &Self::read;
    d.state = const_cast<Self*>(static_cast<const Self*>(this));
    d.annotations_json = view(annotations_);
  }

private:
  template <class V> Self& set(std::string& member, V&& v) {
    member = std::forward<V>(v);
    return static_cast<Self&>(*this);
  }
  const ah_host_api* host_;
  std::string name_, title_, description_, mime_type_, annotations_;
  Reader reader_;
};

} // namespace detail

class Resource : public detail::ResourceBase<Resource> {
public:
  static constexpr std::string_view kind = "resource";

  Resource(const ah_host_api* host, std::string uri, std::string name, Reader reader)
      : ResourceBase(host, std::move(name), std::move(reader)), uri_(std::move(uri)) {}

  Resource& size(std::int64_t bytes) {
    size_ = bytes;
    return *this;
  }
  const std::string& id() const { return uri_; }

  ah_resource_desc descriptor() const {
    ah_resource_desc d;
    fill(d);
    d.uri = view(uri_);
    d.size = size_;
    return d;
  }

private:
  std::string uri_;
  std::int64_t size_ = 0;
};

class ResourceTemplate : public detail::ResourceBase<ResourceTemplate> {
public:
  static constexpr std::string_view kind = "resource template";

  ResourceTemplate(const ah_host_api* host, std::string uri_template, std::string name,
                   Reader reader)
      : ResourceBase(host, std::move(name), std::move(reader)),
        uri_template_(std::move(uri_template)) {}

  // Completes one template variable.
  ResourceTemplate& complete(std::string variable, Completer c) {
    completions_.add(std::move(variable), std::move(c));
    return *this;
  }
  const std::string& id() const { return uri_template_; }
  Completions& completions() { return completions_; }
  const Completions& completions() const { return completions_; }

  ah_resource_template_desc descriptor() const {
    ah_resource_template_desc d;
    fill(d);
    d.uri_template = view(uri_template_);
    d.complete = completions_.empty() ? nullptr : &Completions::trampoline<ResourceTemplate>;
    return d;
  }

private:
  std::string uri_template_;
  Completions completions_;
};

} // namespace ah
