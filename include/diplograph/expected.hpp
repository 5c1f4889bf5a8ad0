// diplograph::expected and diplograph::unexpected: std::expected where the standard library has
// it (GCC 12 with -std=c++23), and a small stand-in where it does not. The stand-in exists for
// one reason: clang up to 18 cannot compile libstdc++'s <expected> (it checks __cpp_concepts >=
// 202002L), and the libFuzzer targets must be built with clang. It covers what the project uses:
// construction from a value or an unexpected, has_value/bool, *, ->, value(), error(), value_or.
//
//   diplograph::expected<int, Error> parse(...);
//   if (!result) return diplograph::unexpected(result.error());
#pragma once

#include <version>

#if defined(__cpp_lib_expected)
#include <expected>
namespace diplograph {
using std::expected;
using std::unexpected;
}  // namespace diplograph
#else
#include <cassert>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

namespace diplograph {

template <class E>
class unexpected {
 public:
  explicit unexpected(E error) : m_error(std::move(error)) {}
  E& error() & { return m_error; }
  const E& error() const& { return m_error; }
  E&& error() && { return std::move(m_error); }

 private:
  E m_error;
};
template <class E>
unexpected(E) -> unexpected<E>;

template <class T, class E>
class expected {
 public:
  using value_type = T;
  using error_type = E;

  expected() requires std::is_default_constructible_v<T> : m_state(std::in_place_index<0>) {}
  template <class U = T>
    requires(std::is_constructible_v<T, U &&> &&
             !std::is_same_v<std::remove_cvref_t<U>, expected> &&
             !std::is_same_v<std::remove_cvref_t<U>, unexpected<E>>)
  expected(U&& value) : m_state(std::in_place_index<0>, std::forward<U>(value)) {}
  template <class G>
  expected(const unexpected<G>& u) : m_state(std::in_place_index<1>, u.error()) {}
  template <class G>
  expected(unexpected<G>&& u) : m_state(std::in_place_index<1>, std::move(u).error()) {}

  [[nodiscard]] bool has_value() const { return m_state.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& operator*() & { return std::get<0>(m_state); }
  const T& operator*() const& { return std::get<0>(m_state); }
  T&& operator*() && { return std::get<0>(std::move(m_state)); }
  T* operator->() { return &std::get<0>(m_state); }
  const T* operator->() const { return &std::get<0>(m_state); }
  T& value() & { check(); return std::get<0>(m_state); }
  const T& value() const& { check(); return std::get<0>(m_state); }
  T&& value() && { check(); return std::get<0>(std::move(m_state)); }
  E& error() & { return std::get<1>(m_state); }
  const E& error() const& { return std::get<1>(m_state); }
  E&& error() && { return std::get<1>(std::move(m_state)); }
  template <class U>
  T value_or(U&& fallback) const& {
    return has_value() ? std::get<0>(m_state) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  void check() const {
    if (!has_value()) throw std::logic_error("bad expected access");
  }
  std::variant<T, E> m_state;
};

template <class E>
class expected<void, E> {
 public:
  expected() = default;
  template <class G>
  expected(const unexpected<G>& u) : m_error(u.error()), m_has_error(true) {}
  template <class G>
  expected(unexpected<G>&& u) : m_error(std::move(u).error()), m_has_error(true) {}
  [[nodiscard]] bool has_value() const { return !m_has_error; }
  explicit operator bool() const { return has_value(); }
  void value() const {
    if (m_has_error) throw std::logic_error("bad expected access");
  }
  E& error() & { return m_error; }
  const E& error() const& { return m_error; }

 private:
  E m_error{};
  bool m_has_error = false;
};

}  // namespace diplograph
#endif
