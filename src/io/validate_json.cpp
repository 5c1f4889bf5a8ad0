// JSON graph files: networkx node-link and Cytoscape.js elements, checked in one SAX pass that
// knows the line of every node and edge (a DOM would lose it).
#include <algorithm>
#include <cassert>
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include "validate_parts.hpp"

namespace diplograph::io::detail {

namespace {

// A RapidJSON input stream over bytes that counts lines as the parser consumes them.
class LineStream {
 public:
  using Ch = char;
  explicit LineStream(std::string_view text) : m_begin(text.data()), m_cur(text.data()), m_end(text.data() + text.size()) {}
  [[nodiscard]] Ch Peek() const { return m_cur < m_end ? *m_cur : '\0'; }
  Ch Take() {
    if (m_cur >= m_end) return '\0';
    const char c = *m_cur++;
    if (c == '\n') ++m_line;
    return c;
  }
  [[nodiscard]] std::size_t Tell() const { return static_cast<std::size_t>(m_cur - m_begin); }
  [[nodiscard]] std::size_t line() const { return m_line; }
  Ch* PutBegin() { assert(false); return nullptr; }
  void Put(Ch) { assert(false); }
  void Flush() { assert(false); }
  std::size_t PutEnd(Ch*) { assert(false); return 0; }

 private:
  const char* m_begin;
  const char* m_cur;
  const char* m_end;
  std::size_t m_line = 1;
};

enum class Role {
  other, root, element, element_data, cy_object,          // objects
  nodes, links, cy_nodes, cy_edges, cy_elements,          // arrays
};

struct Frame {
  Role role;
  bool object;
  std::string key;  // the member being read (objects)
};

enum class ElementKind { node, edge, either };

struct Element {
  ElementKind kind;
  std::size_t line;
  std::map<std::string, std::string> fields;  // "s:text", "n:12", "b:true", "null"
};

std::string shown(std::string_view typed) {
  // "s:abc" -> "\"abc\"", "n:12" -> "12"
  std::string_view v = typed.size() >= 2 ? typed.substr(2) : typed;
  std::string s(v.substr(0, 40));
  return typed.starts_with("s:") ? "\"" + s + "\"" : s;
}

class Collector : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Collector> {
 public:
  explicit Collector(const LineStream& stream) : m_stream(stream) {}

  bool StartObject() {
    Role role = Role::other;
    if (m_stack.empty()) {
      role = Role::root;
      m_root_object = true;
    } else {
      const Frame& parent = m_stack.back();
      switch (parent.role) {
        case Role::nodes:
        case Role::cy_nodes:
          role = Role::element;
          begin_element(ElementKind::node);
          break;
        case Role::links:
        case Role::cy_edges:
          role = Role::element;
          begin_element(ElementKind::edge);
          break;
        case Role::cy_elements:
          role = Role::element;
          begin_element(ElementKind::either);
          break;
        case Role::element:
          if (parent.key == "data" && m_cytoscape) role = Role::element_data;
          break;
        case Role::root:
          if (parent.key == "elements") {
            role = Role::cy_object;
            m_cytoscape = true;
          }
          break;
        default: break;
      }
    }
    m_stack.push_back({role, true, {}});
    return true;
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    m_stack.back().key.assign(s, n);
    if (m_stack.back().role == Role::root) m_root_keys.insert(m_stack.back().key);
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    if (m_stack.back().role == Role::element) m_elements.push_back(std::move(m_current));
    m_stack.pop_back();
    return true;
  }
  bool StartArray() {
    Role role = Role::other;
    if (m_stack.empty()) {
      role = Role::cy_elements;
      m_cytoscape = true;
    } else {
      const Frame& parent = m_stack.back();
      if (parent.role == Role::root) {
        if (parent.key == "nodes") role = Role::nodes;
        else if (parent.key == "links" || parent.key == "edges") role = Role::links;
        else if (parent.key == "elements") {
          role = Role::cy_elements;
          m_cytoscape = true;
        }
      } else if (parent.role == Role::cy_object) {
        if (parent.key == "nodes") role = Role::cy_nodes;
        else if (parent.key == "edges") role = Role::cy_edges;
      }
    }
    m_stack.push_back({role, false, {}});
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    m_stack.pop_back();
    return true;
  }
  bool String(const char* s, rapidjson::SizeType n, bool) { return scalar("s:" + std::string(s, n)); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) { return scalar("n:" + std::string(s, n)); }
  bool Bool(bool b) { return scalar(b ? "b:true" : "b:false"); }
  bool Null() { return scalar("null"); }
  bool Default() { return true; }  // numbers arrive as RawNumber (kParseNumbersAsStringsFlag)

  const std::vector<Element>& elements() const { return m_elements; }
  const std::set<std::string>& root_keys() const { return m_root_keys; }
  const std::map<std::string, std::pair<std::string, std::size_t>>& root_values() const { return m_root_values; }
  bool cytoscape() const { return m_cytoscape; }
  bool root_object() const { return m_root_object; }

 private:
  void begin_element(ElementKind kind) {
    m_current = Element{kind, m_stream.line(), {}};
  }
  bool scalar(std::string typed) {
    if (m_stack.empty()) return true;  // a bare scalar document
    const Frame& f = m_stack.back();
    if (!f.object) return true;
    if (f.role == Role::element || f.role == Role::element_data)
      m_current.fields[f.key] = std::move(typed);
    else if (f.role == Role::root)
      m_root_values[f.key] = {std::move(typed), m_stream.line()};
    return true;
  }

  const LineStream& m_stream;
  std::vector<Frame> m_stack;
  std::vector<Element> m_elements;
  Element m_current{ElementKind::node, 0, {}};
  std::set<std::string> m_root_keys;
  std::map<std::string, std::pair<std::string, std::size_t>> m_root_values;
  bool m_cytoscape = false;
  bool m_root_object = false;
};

std::string field(const Element& e, const char* name) {
  auto it = e.fields.find(name);
  return it == e.fields.end() ? std::string() : it->second;
}

}  // namespace

void validate_json(std::string_view text, std::string_view file, Validation& out) {
  auto add = [&](std::size_t line, std::string message) {
    out.problems.push_back(Error{std::string(file), line, 0, std::move(message)});
  };
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    add(static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n')) + 1,
        "a NUL byte: not a JSON text");
    return;
  }
  LineStream stream(text);
  Collector collector(stream);
  rapidjson::Reader reader;
  const auto result =
      reader.Parse<rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseValidateEncodingFlag |
                   rapidjson::kParseIterativeFlag>(  // iterative: deep nesting cannot overflow the stack

          stream, collector);
  if (result.IsError()) {
    const std::size_t offset = result.Offset();
    const std::size_t line =
        static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n')) + 1;
    out.problems.push_back(Error{std::string(file), line, offset,
                                 fmt::format("malformed JSON: {}{}", rapidjson::GetParseError_En(result.Code()),
                                             result.Code() == rapidjson::kParseErrorObjectMissCommaOrCurlyBracket ||
                                                     result.Code() == rapidjson::kParseErrorArrayMissCommaOrSquareBracket ||
                                                     offset >= text.size()
                                                 ? " (is the file truncated?)"
                                                 : "")});
    return;
  }

  std::set<std::string> node_ids;
  if (collector.cytoscape()) {
    // Cytoscape.js: ids unique across nodes and edges; an edge to a missing node throws.
    std::set<std::string> all_ids;
    std::vector<const Element*> edges;
    for (const Element& e : collector.elements()) {
      ElementKind kind = e.kind;
      if (kind == ElementKind::either) {
        const std::string group = field(e, "group");
        kind = group == "s:edges" || (group.empty() && e.fields.contains("source")) ? ElementKind::edge
                                                                                   : ElementKind::node;
      }
      const std::string id = field(e, "id");
      if (kind == ElementKind::node) {
        ++out.nodes;
        if (id.empty()) add(e.line, "node without data.id");
        else node_ids.insert(id);
      } else {
        ++out.edges;
        edges.push_back(&e);
      }
      if (!id.empty() && !all_ids.insert(id).second)
        add(e.line, fmt::format("id {} is used twice (Cytoscape.js ids are unique across nodes and edges)", shown(id)));
      const std::string cameo = field(e, "cameo");
      if (cameo.starts_with("n:")) add(e.line, fmt::format("cameo {} is a number: write CAMEO codes as strings", shown(cameo)));
    }
    for (const Element* e : edges) {
      for (const char* end : {"source", "target"}) {
        const std::string v = field(*e, end);
        if (v.empty()) add(e->line, fmt::format("edge without data.{}", end));
        else if (!node_ids.contains(v)) add(e->line, fmt::format("edge {} {} is not a node", end, shown(v)));
      }
    }
    return;
  }

  if (!collector.root_object()) {
    add(1, "not a JSON object: node-link JSON is {\"nodes\": [...], \"links\": [...]}");
    return;
  }
  const auto& keys = collector.root_keys();
  const auto& values = collector.root_values();
  if (!keys.contains("nodes")) add(1, "no \"nodes\" array: not node-link JSON");
  const bool links = keys.contains("links");
  const bool edges_key = keys.contains("edges");
  if (!links && !edges_key)
    add(1, "neither \"links\" nor \"edges\": networkx 2.x needs \"links\", 3.6 \"edges\"");
  if (links && edges_key) add(1, "both \"links\" and \"edges\": networkx reads only one of them");
  for (const char* flag : {"directed", "multigraph"}) {
    auto it = values.find(flag);
    if (it == values.end()) {
      if (std::string_view(flag) == "directed")
        add(1, "no \"directed\": networkx reads the graph as undirected");
    } else if (!it->second.first.starts_with("b:")) {
      add(it->second.second, fmt::format("\"{}\" is {}, not true or false", flag, shown(it->second.first)));
    }
  }
  const bool multigraph = values.contains("multigraph") ? values.at("multigraph").first == "b:true" : true;
  std::vector<const Element*> edges;
  for (const Element& e : collector.elements()) {
    if (e.kind == ElementKind::node) {
      ++out.nodes;
      const std::string id = field(e, "id");
      if (id.empty()) add(e.line, "node without \"id\"");
      else if (!node_ids.insert(id).second) add(e.line, fmt::format("node id {} is used twice", shown(id)));
    } else {
      ++out.edges;
      edges.push_back(&e);
    }
    const std::string cameo = field(e, "cameo");
    if (cameo.starts_with("n:")) add(e.line, fmt::format("cameo {} is a number: write CAMEO codes as strings", shown(cameo)));
  }
  std::set<std::tuple<std::string, std::string, std::string>> triples;
  for (const Element* e : edges) {
    const std::string s = field(*e, "source");
    const std::string t = field(*e, "target");
    if (s.empty()) add(e->line, "link without \"source\"");
    else if (!node_ids.contains(s)) add(e->line, fmt::format("link source {} is not a node id", shown(s)));
    if (t.empty()) add(e->line, "link without \"target\"");
    else if (!node_ids.contains(t)) add(e->line, fmt::format("link target {} is not a node id", shown(t)));
    const std::string key = field(*e, "key");
    if (multigraph && !key.empty() && !triples.emplace(s, t, key).second)
      add(e->line, fmt::format("link {} -> {} with key {} is there twice: networkx keeps one",
                               shown(s), shown(t), shown(key)));
  }
  std::stable_sort(out.problems.begin(), out.problems.end(),
                   [](const Error& a, const Error& b) { return a.line < b.line; });
}

}  // namespace diplograph::io::detail
