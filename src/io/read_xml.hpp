// A thin, safe layer over expat for the GraphML reader and the GraphML/GEXF validators: streams
// elements with their line numbers, refuses every entity declaration (so neither an entity bomb
// nor an external entity can be expressed), and reports malformed or truncated XML as one Error
// naming the file and line.
//
//   struct Counter : detail::XmlHandler { void start(...) override { ++n; } ... };
//   Counter c;
//   if (auto err = detail::parse_xml(text, "g.graphml", c)) report(*err);
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

#include "diplograph/model.hpp"

namespace diplograph::io::detail {

// Attributes of a start tag, as expat gives them: name, value, name, value, ..., nullptr.
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** list) : m_list(list) {}
  // The value of `name`, or nullopt.
  [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const {
    for (const char** p = m_list; p && *p; p += 2)
      if (name == p[0]) return std::string_view(p[1]);
    return std::nullopt;
  }
  template <class F>
  void for_each(F&& f) const {
    for (const char** p = m_list; p && *p; p += 2) f(std::string_view(p[0]), std::string_view(p[1]));
  }

 private:
  const char** m_list;
};

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // `name` is the qualified name as written ("graphml", "y:ShapeNode"); `line` is 1-based.
  virtual void start(std::string_view name, const XmlAttributes& attributes, std::size_t line) = 0;
  virtual void end(std::string_view name, std::size_t line) = 0;
  // Character data, possibly in several pieces; newlines already normalised to "\n".
  virtual void text(std::string_view chunk) = 0;
};

// Parses `text` completely; nullopt on success, else the first fatal error (malformed XML,
// truncation, an entity declaration, a DOCTYPE with an external subset).
std::optional<Error> parse_xml(std::string_view text, std::string_view file, XmlHandler& handler);

}  // namespace diplograph::io::detail
