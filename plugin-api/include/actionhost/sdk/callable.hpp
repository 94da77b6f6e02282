// Reads the input type off a handler's signature, so plugin.action("echo", echo) needs no
// template arguments. Works for functions and non-generic lambdas; generic lambdas must name
// their types: plugin.action<In, Out>("x", [](ah::Context&, const auto& in) { ... }).
#pragma once

#include <type_traits>

namespace ah {
class Context;
}

namespace ah::detail {

struct deduce {}; // default template argument: take the type from the handler

template <class F> struct signature : signature<decltype(&F::operator())> {};
template <class R, class A> struct signature<R (*)(Context&, const A&)> { using input = A; };
template <class R, class A> struct signature<R (*)(Context&, const A&) noexcept> {
  using input = A;
};
template <class C, class R, class A> struct signature<R (C::*)(Context&, const A&) const> {
  using input = A;
};
template <class C, class R, class A> struct signature<R (C::*)(Context&, const A&) const noexcept> {
  using input = A;
};
template <class C, class R, class A> struct signature<R (C::*)(Context&, const A&)> {
  using input = A;
};

template <class Given, class F> struct pick_input { using type = Given; };
template <class F> struct pick_input<deduce, F> { using type = typename signature<F>::input; };
template <class Given, class F> using input_t = typename pick_input<Given, F>::type;

// Out defaults to what the handler returns for In.
template <class Given, class F, class In> struct pick_output { using type = Given; };
template <class F, class In> struct pick_output<deduce, F, In> {
  using type = std::invoke_result_t<F&, Context&, const In&>;
};
template <class Given, class F, class In> using output_t = typename pick_output<Given, F, In>::type;

} // namespace ah::detail
