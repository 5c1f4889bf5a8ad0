// `diplograph validate`: format detection, dispatch, and the GraphML and GEXF checks (both on
// the same expat layer as the GraphML reader, so entity bombs are refused here too).
#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "diplograph/io/validate.hpp"
#include "read_event_common.hpp"
#include "read_graphml_doc.hpp"
#include "read_xml.hpp"
#include "validate_parts.hpp"

namespace diplograph::io {

namespace detail {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool is_integer(std::string_view s) {
  s = trim(s);
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_real(std::string_view s) {
  s = trim(s);
  if (s == "NaN" || s == "INF" || s == "-INF") return true;
  double d = 0;
  return parse_double(s, d);
}

std::string_view local(std::string_view qname) {
  const auto colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

std::string shown(std::string_view value) {
  std::string s(value.substr(0, 40));
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return value.size() > 40 ? s + "..." : s;
}

class Problems {
 public:
  Problems(std::string_view file, Validation& out) : m_file(file), m_out(out) {}
  void add(std::size_t line, std::string message) {
    m_out.problems.push_back(Error{std::string(m_file), line, 0, std::move(message)});
  }

 private:
  std::string_view m_file;
  Validation& m_out;
};

void sort_problems(Validation& out) {
  std::stable_sort(out.problems.begin(), out.problems.end(),
                   [](const Error& a, const Error& b) { return a.line < b.line; });
}

}  // namespace

bool is_cameo_attribute(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "cameo", "root", "eventcode", "eventbasecode", "eventrootcode", "cameo_code", "cameocode",
      "cameo code"};
  const std::string l = lower(name);
  return std::find(kNames.begin(), kNames.end(), l) != kNames.end();
}

bool has_leading_zero(std::string_view value) {
  value = trim(value);
  return value.size() >= 2 && value[0] == '0' &&
         std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ---- GraphML -----------------------------------------------------------------------------

void validate_graphml(std::string_view text, std::string_view file, Validation& out) {
  Problems p(file, out);
  auto doc = parse_graphml_document(text, file);
  if (!doc) {
    out.problems.push_back(doc.error());
    return;
  }
  out.nodes = doc->nodes.size();
  out.edges = doc->edges.size();
  if (local(doc->root) != "graphml") {
    p.add(doc->root_line, fmt::format("the root element is <{}>, not <graphml>", doc->root));
    return;
  }
  if (!doc->xmlns)
    p.add(doc->root_line, fmt::format("<graphml> has no namespace: want xmlns=\"{}\"", kGraphmlNamespace));
  else if (*doc->xmlns != kGraphmlNamespace)
    p.add(doc->root_line, fmt::format("<graphml> namespace is \"{}\", want \"{}\"", *doc->xmlns, kGraphmlNamespace));
  if (doc->graphs == 0) p.add(doc->root_line, "no <graph> element");
  else if (!doc->edgedefault)
    p.add(doc->graph_line, "<graph> has no edgedefault (\"directed\" or \"undirected\")");
  else if (*doc->edgedefault != "directed" && *doc->edgedefault != "undirected")
    p.add(doc->graph_line, fmt::format("edgedefault=\"{}\" is neither \"directed\" nor \"undirected\"",
                                       *doc->edgedefault));
  if (doc->hyperedges > 0)
    p.add(1, fmt::format("{} <hyperedge> elements: networkx, igraph and Gephi ignore them",
                         doc->hyperedges));

  static const std::set<std::string_view> kTypes = {"boolean", "int", "long", "float", "double",
                                                    "string"};
  static const std::set<std::string_view> kDomains = {"node", "edge", "graph", "graphml", "all",
                                                      "hyperedge", "port", "endpoint"};
  std::unordered_map<std::string, const GraphmlKey*> keys;
  std::set<std::pair<std::string, std::string>> names;  // (for, attr.name)
  for (const auto& k : doc->keys) {
    if (k.id.empty()) {
      p.add(k.line, "<key> without an id");
      continue;
    }
    if (!keys.emplace(k.id, &k).second) p.add(k.line, fmt::format("key id \"{}\" declared twice", k.id));
    if (!k.for_)
      p.add(k.line, fmt::format("key \"{}\" has no for= (Gephi drops such attributes)", k.id));
    else if (!kDomains.contains(*k.for_))
      p.add(k.line, fmt::format("key \"{}\" has for=\"{}\", not a GraphML domain", k.id, *k.for_));
    else if (*k.for_ == "all")
      p.add(k.line, fmt::format("key \"{}\" has for=\"all\": Gephi reads it for nodes only; "
                                "declare one key for nodes and one for edges", k.id));
    if (!k.name) p.add(k.line, fmt::format("key \"{}\" has no attr.name", k.id));
    if (!k.type)
      p.add(k.line, fmt::format("key \"{}\" has no attr.type (Gephi drops such attributes)", k.id));
    else if (!kTypes.contains(*k.type))
      p.add(k.line, fmt::format("key \"{}\" has attr.type=\"{}\": want boolean, int, long, float, "
                                "double or string (igraph fails on others)", k.id, *k.type));
    if (k.name && k.for_ && !names.emplace(*k.for_, *k.name).second)
      p.add(k.line, fmt::format("attr.name \"{}\" declared twice for {}", *k.name, *k.for_));
    if (k.name && k.type && is_cameo_attribute(*k.name) && *k.type != "string")
      p.add(k.line, fmt::format("key \"{}\" (\"{}\") is a CAMEO code declared as {}: declare "
                                "attr.type=\"string\" so \"042\" keeps its zero", k.id, *k.name, *k.type));
  }

  auto check_data = [&](const GraphmlElement& e, std::string_view domain) {
    for (const auto& d : e.data) {
      auto it = keys.find(d.key);
      if (it == keys.end()) {
        p.add(d.line, fmt::format("<data key=\"{}\"> has no <key> declaration", d.key));
        continue;
      }
      const GraphmlKey& k = *it->second;
      if (k.for_ && *k.for_ != domain && *k.for_ != "all")
        p.add(d.line, fmt::format("<data key=\"{}\"> on a {} but the key is for {}", d.key, domain, *k.for_));
      if (d.complex || !k.type) continue;
      const std::string_view type = *k.type;
      const std::string_view v = d.value;
      const std::string name = k.name ? *k.name : k.id;
      if (type == "boolean") {
        const auto t = trim(v);
        if (t != "true" && t != "false" && t != "1" && t != "0")
          p.add(d.line, fmt::format("\"{}\" = '{}' is not a GraphML boolean (true or false, lower case)",
                                    name, shown(v)));
      } else if (type == "int" || type == "long") {
        if (!is_integer(v))
          p.add(d.line, fmt::format("\"{}\" = '{}' is not an {}", name, shown(v), type));
        else if (has_leading_zero(v))
          p.add(d.line, fmt::format("\"{}\" = '{}' loses its leading zero as {}: declare it a string",
                                    name, shown(v), type));
      } else if (type == "float" || type == "double") {
        if (!is_real(v))
          p.add(d.line, fmt::format("\"{}\" = '{}' is not a {}", name, shown(v), type));
        else if (has_leading_zero(v))
          p.add(d.line, fmt::format("\"{}\" = '{}' loses its leading zero as {}: declare it a string",
                                    name, shown(v), type));
      }
    }
  };

  std::unordered_set<std::string> node_ids;
  for (const auto& n : doc->nodes) {
    if (!n.id) p.add(n.line, "<node> without an id");
    else if (!node_ids.insert(*n.id).second)
      p.add(n.line, fmt::format("node id \"{}\" is used twice", shown(*n.id)));
    check_data(n, "node");
  }
  std::unordered_set<std::string> edge_ids;
  for (const auto& e : doc->edges) {
    if (e.id && !edge_ids.insert(*e.id).second)
      p.add(e.line, fmt::format("edge id \"{}\" is used twice (Gephi: \"Edge already exists\")",
                                shown(*e.id)));
    if (e.source.empty()) p.add(e.line, "<edge> without a source");
    else if (!node_ids.contains(e.source))
      p.add(e.line, fmt::format("edge source \"{}\" is not a node", shown(e.source)));
    if (e.target.empty()) p.add(e.line, "<edge> without a target");
    else if (!node_ids.contains(e.target))
      p.add(e.line, fmt::format("edge target \"{}\" is not a node", shown(e.target)));
    check_data(e, "edge");
  }
  sort_problems(out);
}

// ---- GEXF ---------------------------------------------------------------------------------

namespace {

constexpr std::string_view kGexfNamespace = "http://gexf.net/1.3";

class GexfChecker final : public XmlHandler {
 public:
  GexfChecker(Problems& p, Validation& out) : m_p(p), m_out(out) {}

  void start(std::string_view qname, const XmlAttributes& a, std::size_t line) override {
    ++m_depth;
    const std::string_view name = local(qname);
    if (m_depth == 1) {
      m_root = true;
      if (name != "gexf") {
        m_p.add(line, fmt::format("the root element is <{}>, not <gexf>", qname));
        m_wrong_root = true;
        return;
      }
      const auto ns = a.get("xmlns");
      if (!ns) m_p.add(line, fmt::format("<gexf> has no namespace: want xmlns=\"{}\"", kGexfNamespace));
      else if (*ns != kGexfNamespace)
        m_p.add(line, fmt::format("<gexf> namespace is \"{}\", want \"{}\" (GEXF 1.3)", *ns, kGexfNamespace));
      const auto version = a.get("version");
      if (!version) m_p.add(line, "<gexf> has no version: want version=\"1.3\"");
      else if (*version != "1.3")
        m_p.add(line, fmt::format("<gexf> version is \"{}\", want \"1.3\"", *version));
      return;
    }
    if (m_wrong_root) return;
    if (name == "graph") {
      ++m_graphs;
      if (auto t = a.get("defaultedgetype"); t && *t != "directed" && *t != "undirected" && *t != "mutual")
        m_p.add(line, fmt::format("defaultedgetype=\"{}\" is not directed, undirected or mutual", *t));
      if (auto m = a.get("mode"); m && *m != "static" && *m != "dynamic")
        m_p.add(line, fmt::format("mode=\"{}\" is neither static nor dynamic", *m));
      if (auto tf = a.get("timeformat")) {
        m_timeformat = std::string(*tf);
        if (*tf != "integer" && *tf != "double" && *tf != "date" && *tf != "dateTime")
          m_p.add(line, fmt::format("timeformat=\"{}\" is not integer, double, date or dateTime", *tf));
      }
    } else if (name == "attributes") {
      const auto cls = a.get("class");
      m_class = cls ? std::string(*cls) : std::string();
      if (!cls || (*cls != "node" && *cls != "edge"))
        m_p.add(line, fmt::format("<attributes> class=\"{}\": want node or edge", cls ? *cls : ""));
    } else if (name == "attribute") {
      const auto id = a.get("id");
      const auto type = a.get("type");
      const auto title = a.get("title");
      if (!id) {
        m_p.add(line, "<attribute> without an id");
        return;
      }
      auto& declared = m_class == "edge" ? m_edge_attrs : m_node_attrs;
      const std::string t = type ? std::string(*type) : std::string();
      if (!declared.emplace(std::string(*id), t).second)
        m_p.add(line, fmt::format("{} attribute id \"{}\" declared twice", m_class, *id));
      if (!title) m_p.add(line, fmt::format("attribute \"{}\" has no title", *id));
      if (!type) m_p.add(line, fmt::format("attribute \"{}\" has no type", *id));
      else if (!kTypes().contains(t))
        m_p.add(line, fmt::format("attribute \"{}\" has type=\"{}\", not a GEXF 1.3 type", *id, t));
      if (title && type && is_cameo_attribute(*title) && t != "string")
        m_p.add(line, fmt::format("attribute \"{}\" (\"{}\") is a CAMEO code declared as {}: "
                                  "declare type=\"string\"", *id, *title, t));
    } else if (name == "node") {
      ++m_out.nodes;
      m_in = Owner::node;
      const auto id = a.get("id");
      if (!id) m_p.add(line, "<node> without an id");
      else if (!m_nodes.insert(std::string(*id)).second)
        m_p.add(line, fmt::format("node id \"{}\" is used twice", shown(*id)));
      check_times(a, line);
    } else if (name == "edge") {
      ++m_out.edges;
      m_in = Owner::edge;
      const auto id = a.get("id");
      if (!id) m_p.add(line, "<edge> without an id");
      else if (!m_edges.insert(std::string(*id)).second)
        m_p.add(line, fmt::format("edge id \"{}\" is used twice (Gephi: \"Edge already exists\")", shown(*id)));
      const auto s = a.get("source");
      const auto t = a.get("target");
      if (!s || !t) m_p.add(line, "<edge> without source or target");
      else m_ends.push_back({std::string(*s), std::string(*t), line});
      if (auto type = a.get("type"); type && *type != "directed" && *type != "undirected" && *type != "mutual")
        m_p.add(line, fmt::format("edge type=\"{}\" is not directed, undirected or mutual", *type));
      if (auto w = a.get("weight"); w && !is_real(*w))
        m_p.add(line, fmt::format("edge weight '{}' is not a number", shown(*w)));
      check_times(a, line);
    } else if (name == "attvalue") {
      const auto for_ = a.get("for");
      const auto value = a.get("value");
      auto& declared = m_in == Owner::edge ? m_edge_attrs : m_node_attrs;
      if (!for_) {
        m_p.add(line, "<attvalue> without for=");
        return;
      }
      auto it = declared.find(std::string(*for_));
      if (it == declared.end()) {
        m_p.add(line, fmt::format("<attvalue for=\"{}\"> names no declared {} attribute", *for_,
                                  m_in == Owner::edge ? "edge" : "node"));
        return;
      }
      if (!value) {
        m_p.add(line, fmt::format("<attvalue for=\"{}\"> without a value", *for_));
        return;
      }
      check_value(it->second, *for_, *value, line);
      check_times(a, line);
    } else if (name == "spell") {
      check_times(a, line);
    }
  }

  void end(std::string_view qname, std::size_t) override {
    const std::string_view name = local(qname);
    if (name == "node" || name == "edge") m_in = Owner::none;
    --m_depth;
  }
  void text(std::string_view) override {}

  void finish(std::size_t last_line) {
    if (m_wrong_root || !m_root) return;
    if (m_graphs == 0) m_p.add(last_line, "no <graph> element");
    for (const auto& e : m_ends) {
      if (!m_nodes.contains(e.source))
        m_p.add(e.line, fmt::format("edge source \"{}\" is not a node", shown(e.source)));
      if (!m_nodes.contains(e.target))
        m_p.add(e.line, fmt::format("edge target \"{}\" is not a node", shown(e.target)));
    }
  }

 private:
  enum class Owner { none, node, edge };
  struct End {
    std::string source, target;
    std::size_t line;
  };
  static const std::set<std::string_view>& kTypes() {
    static const std::set<std::string_view> types = {
        "integer", "long", "double", "float", "boolean", "string", "liststring", "listinteger",
        "listlong", "listdouble", "listfloat", "listboolean", "anyURI", "date", "bigdecimal",
        "biginteger", "byte", "short", "char", "listbyte", "listshort", "listchar",
        "listbigdecimal", "listbiginteger"};
    return types;
  }

  void check_value(const std::string& type, std::string_view id, std::string_view v, std::size_t line) {
    if (type == "integer" || type == "long" || type == "short" || type == "byte" || type == "biginteger") {
      if (!is_integer(v)) m_p.add(line, fmt::format("attvalue \"{}\" = '{}' is not an {}", id, shown(v), type));
      else if (has_leading_zero(v))
        m_p.add(line, fmt::format("attvalue \"{}\" = '{}' loses its leading zero as {}", id, shown(v), type));
    } else if (type == "double" || type == "float" || type == "bigdecimal") {
      if (!is_real(v)) m_p.add(line, fmt::format("attvalue \"{}\" = '{}' is not a {}", id, shown(v), type));
    } else if (type == "boolean") {
      if (v != "true" && v != "false")
        m_p.add(line, fmt::format("attvalue \"{}\" = '{}' is not a boolean (true or false)", id, shown(v)));
    } else if (type == "date") {
      if (!Date::parse(v)) m_p.add(line, fmt::format("attvalue \"{}\" = '{}' is not a date", id, shown(v)));
    }
  }

  void check_times(const XmlAttributes& a, std::size_t line) {
    for (const char* attr : {"start", "end", "startopen", "endopen"}) {
      const auto v = a.get(attr);
      if (!v) continue;
      bool good = true;
      if (m_timeformat == "date") good = Date::parse(*v).has_value();
      else if (m_timeformat == "integer") good = is_integer(*v);
      else if (m_timeformat == "double" || m_timeformat.empty()) good = is_real(*v) || Date::parse(*v);
      if (!good)
        m_p.add(line, fmt::format("{}=\"{}\" does not parse as timeformat \"{}\"", attr, shown(*v),
                                  m_timeformat.empty() ? "double" : m_timeformat));
    }
  }

  Problems& m_p;
  Validation& m_out;
  std::size_t m_depth = 0;
  bool m_root = false;
  bool m_wrong_root = false;
  std::size_t m_graphs = 0;
  std::string m_timeformat;
  std::string m_class;
  Owner m_in = Owner::none;
  std::unordered_map<std::string, std::string> m_node_attrs;  // id -> type
  std::unordered_map<std::string, std::string> m_edge_attrs;
  std::unordered_set<std::string> m_nodes;
  std::unordered_set<std::string> m_edges;
  std::vector<End> m_ends;
};

}  // namespace

void validate_gexf(std::string_view text, std::string_view file, Validation& out) {
  Problems p(file, out);
  GexfChecker checker(p, out);
  if (auto error = parse_xml(text, file, checker)) {
    out.problems.push_back(std::move(*error));
    sort_problems(out);
    return;
  }
  checker.finish(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  sort_problems(out);
}

}  // namespace detail

std::string_view to_string(GraphFileFormat format) {
  switch (format) {
    case GraphFileFormat::graphml: return "graphml";
    case GraphFileFormat::gexf: return "gexf";
    case GraphFileFormat::json: return "json";
    case GraphFileFormat::dot: return "dot";
  }
  return "?";
}

std::optional<GraphFileFormat> graph_file_format_from_string(std::string_view name) {
  for (auto f : {GraphFileFormat::graphml, GraphFileFormat::gexf, GraphFileFormat::json,
                 GraphFileFormat::dot})
    if (name == to_string(f)) return f;
  if (name == "gv") return GraphFileFormat::dot;
  return std::nullopt;
}

std::optional<GraphFileFormat> detect_graph_file(std::string_view path, std::string_view first_bytes) {
  const auto dot = path.find_last_of('.');
  const auto slash = path.find_last_of('/');
  if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
    const std::string ext = detail::lower(path.substr(dot + 1));
    if (ext == "graphml") return GraphFileFormat::graphml;
    if (ext == "gexf") return GraphFileFormat::gexf;
    if (ext == "json" || ext == "cyjs") return GraphFileFormat::json;
    if (ext == "dot" || ext == "gv") return GraphFileFormat::dot;
  }
  std::string_view t = first_bytes;
  if (t.starts_with("\xEF\xBB\xBF")) t.remove_prefix(3);
  t = detail::trim(t.substr(0, 4096));
  if (t.starts_with("{") || t.starts_with("[")) return GraphFileFormat::json;
  if (t.starts_with("<")) {
    if (t.find("<graphml") != std::string_view::npos) return GraphFileFormat::graphml;
    if (t.find("<gexf") != std::string_view::npos) return GraphFileFormat::gexf;
    return std::nullopt;
  }
  const std::string head = detail::lower(t.substr(0, 64));
  for (std::string_view kw : {"digraph", "graph", "strict"})
    if (std::string_view(head).starts_with(kw)) return GraphFileFormat::dot;
  return std::nullopt;
}

Validation validate_graph_text(std::string_view text, std::string_view file, GraphFileFormat format) {
  Validation out;
  out.format = format;
  switch (format) {
    case GraphFileFormat::graphml: detail::validate_graphml(text, file, out); break;
    case GraphFileFormat::gexf: detail::validate_gexf(text, file, out); break;
    case GraphFileFormat::json: detail::validate_json(text, file, out); break;
    case GraphFileFormat::dot: detail::validate_dot(text, file, out); break;
  }
  return out;
}

expected<Validation, Error> validate_graph_file(const std::string& path,
                                                std::optional<GraphFileFormat> format) {
  auto bytes = detail::read_file_bytes(path);
  if (!bytes) return unexpected(bytes.error());
  if (!format) format = detect_graph_file(path, std::string_view(*bytes).substr(0, 4096));
  if (!format)
    return unexpected(Error{path, 0, 0,
                            "not a recognisable graph file (GraphML, GEXF, JSON or DOT): give "
                            "--format"});
  return validate_graph_text(*bytes, path, *format);
}

}  // namespace diplograph::io
