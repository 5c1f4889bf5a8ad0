// GraphML: the structure collector (shared with `validate`) and the reader into GraphData.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "diplograph/io/graphml_reader.hpp"
#include "read_event_common.hpp"
#include "read_graphml_doc.hpp"
#include "read_xml.hpp"

namespace diplograph::io {

namespace detail {

namespace {

std::string_view local_name(std::string_view qualified) {
  const auto colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

class GraphmlCollector final : public XmlHandler {
 public:
  explicit GraphmlCollector(GraphmlDocument& doc) : m_doc(doc) {}

  void start(std::string_view qname, const XmlAttributes& attributes, std::size_t line) override {
    ++m_depth;
    if (m_data) {  // markup inside <data>: keep going, the value is not a plain string
      m_data->complex = true;
      return;
    }
    const std::string_view name = local_name(qname);
    if (m_depth == 1) {
      m_doc.root = std::string(qname);
      m_doc.root_line = line;
      if (auto ns = attributes.get("xmlns")) m_doc.xmlns = std::string(*ns);
      return;
    }
    auto str = [&](std::string_view attr) -> std::optional<std::string> {
      if (auto v = attributes.get(attr)) return std::string(*v);
      return std::nullopt;
    };
    if (name == "key") {
      GraphmlKey& k = m_doc.keys.emplace_back();
      k.id = str("id").value_or("");
      k.for_ = str("for");
      k.name = str("attr.name");
      k.type = str("attr.type");
      k.line = line;
      m_key = m_doc.keys.size() - 1;
      m_key_depth = m_depth;
    } else if (name == "default" && m_key != kNone) {
      m_in_default = true;
      m_text.clear();
    } else if (name == "graph") {
      if (m_doc.graphs++ == 0) {
        m_doc.edgedefault = str("edgedefault");
        m_doc.graph_line = line;
      }
    } else if (name == "node") {
      GraphmlElement& n = m_doc.nodes.emplace_back();
      n.id = str("id");
      n.line = line;
      m_owners.push_back({true, m_doc.nodes.size() - 1, m_depth});
    } else if (name == "edge") {
      GraphmlElement& e = m_doc.edges.emplace_back();
      e.id = str("id");
      e.source = str("source").value_or("");
      e.target = str("target").value_or("");
      e.line = line;
      m_owners.push_back({false, m_doc.edges.size() - 1, m_depth});
    } else if (name == "hyperedge") {
      ++m_doc.hyperedges;
    } else if (name == "data") {
      GraphmlData d;
      d.key = str("key").value_or("");
      d.line = line;
      if (!m_owners.empty() && m_owners.back().depth == m_depth - 1) {
        auto& owner = m_owners.back().node ? m_doc.nodes[m_owners.back().index]
                                           : m_doc.edges[m_owners.back().index];
        owner.data.push_back(std::move(d));
        m_data = &owner.data.back();
      } else {
        m_scratch = std::move(d);  // graph-level data: read but not kept
        m_data = &m_scratch;
      }
      m_data_depth = m_depth;
    }
  }

  void end(std::string_view qname, std::size_t) override {
    if (m_data && m_depth == m_data_depth) m_data = nullptr;
    const std::string_view name = local_name(qname);
    if (!m_data) {
      if (name == "default" && m_in_default && m_key != kNone) {
        m_doc.keys[m_key].default_value = m_text;
        m_in_default = false;
      }
      if (m_key != kNone && m_depth == m_key_depth) m_key = kNone;
      if (!m_owners.empty() && m_owners.back().depth == m_depth) m_owners.pop_back();
    }
    --m_depth;
  }

  void text(std::string_view chunk) override {
    if (m_data) {
      if (m_depth == m_data_depth) m_data->value.append(chunk);
    } else if (m_in_default) {
      m_text.append(chunk);
    }
  }

 private:
  struct Owner {
    bool node;
    std::size_t index;
    std::size_t depth;
  };
  GraphmlDocument& m_doc;
  std::size_t m_depth = 0;
  std::vector<Owner> m_owners;
  GraphmlData* m_data = nullptr;  // into a vector that grows only when no data is open
  GraphmlData m_scratch;
  std::size_t m_data_depth = 0;
  // An index, not a pointer: hostile input may nest <key> in <key>, and the vector grows.
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t m_key = kNone;
  std::size_t m_key_depth = 0;
  bool m_in_default = false;
  std::string m_text;
};

}  // namespace

expected<GraphmlDocument, Error> parse_graphml_document(std::string_view text,
                                                        std::string_view file) {
  GraphmlDocument doc;
  GraphmlCollector collector(doc);
  if (auto error = parse_xml(text, file, collector)) return unexpected(std::move(*error));
  return doc;
}

expected<std::string, Error> read_file_bytes(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return unexpected(Error{path, 0, 0, "is a directory, not a file"});
  std::ifstream in(path, std::ios::binary);
  if (!in) return unexpected(Error{path, 0, 0, "cannot open for reading"});
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return unexpected(Error{path, 0, 0, "read failed"});
  return std::move(s).str();
}

}  // namespace detail

namespace {

// Which field of Actor/Event/Dyad a key feeds, by its attr.name.
enum class Field {
  ignore, id, name, label, code, country, kind, title, aliases, state,
  cameo, root, quad, goldstein, date, confidence, domestic, doc, sentence, evidence,
  count, goldstein_sum, goldstein_mean, quad1, quad2, quad3, quad4, roots, first, last
};

Field node_field(std::string_view n) {
  if (n == "id") return Field::id;
  if (n == "name") return Field::name;
  if (n == "label") return Field::label;
  if (n == "code") return Field::code;
  if (n == "country") return Field::country;
  if (n == "kind") return Field::kind;
  if (n == "title") return Field::title;
  if (n == "aliases") return Field::aliases;
  if (n == "state") return Field::state;
  return Field::ignore;
}

Field edge_field(std::string_view n) {
  static const std::unordered_map<std::string_view, Field> kFields = {
      {"cameo", Field::cameo}, {"root", Field::root}, {"quad", Field::quad},
      {"goldstein", Field::goldstein}, {"date", Field::date}, {"confidence", Field::confidence},
      {"domestic", Field::domestic}, {"doc", Field::doc}, {"sentence", Field::sentence},
      {"evidence", Field::evidence}, {"count", Field::count},
      {"goldstein_sum", Field::goldstein_sum}, {"goldstein_mean", Field::goldstein_mean},
      {"quad1", Field::quad1}, {"quad2", Field::quad2}, {"quad3", Field::quad3},
      {"quad4", Field::quad4}, {"roots", Field::roots}, {"first", Field::first},
      {"last", Field::last}};
  auto it = kFields.find(n);
  return it == kFields.end() ? Field::ignore : it->second;
}

struct KeyInfo {
  Field field = Field::ignore;
  std::string_view type;  // attr.type, "string" when absent
  const std::optional<std::string>* default_value = nullptr;
};

class Converter {
 public:
  Converter(const detail::GraphmlDocument& doc, std::string_view file) : m_doc(doc), m_file(file) {}

  GraphmlGraph run() {
    GraphmlGraph out;
    out.directed = m_doc.edgedefault.value_or("directed") != "undirected";
    for (const auto& k : m_doc.keys) {
      const std::string_view for_ = k.for_ ? std::string_view(*k.for_) : "all";
      const std::string_view name = k.name ? std::string_view(*k.name) : std::string_view(k.id);
      KeyInfo info{Field::ignore, k.type ? std::string_view(*k.type) : "string", &k.default_value};
      if (for_ == "node" || for_ == "all") {
        info.field = node_field(name);
        m_node_keys[k.id] = info;
      }
      if (for_ == "edge" || for_ == "all") {
        info.field = edge_field(name);
        m_edge_keys[k.id] = info;
      }
      if (name == "cameo" && info.type != "string")
        warn(k.line, fmt::format("key '{}' declares the CAMEO code as {}: leading zeros "
                                 "(\"042\") may already be lost", k.id, info.type));
    }
    read_nodes(out);
    read_edges(out);
    out.errors = std::move(m_errors);
    return out;
  }

 private:
  void warn(std::size_t line, std::string message) {
    m_errors.push_back(Error{std::string(m_file), line, 0, std::move(message)});
  }

  // Values by field for one element: its <data>, then the keys' defaults for the rest.
  using Values = std::vector<std::pair<Field, std::pair<std::string_view, std::size_t>>>;
  Values values_of(const detail::GraphmlElement& e,
                   const std::unordered_map<std::string, KeyInfo>& keys) {
    Values v;
    std::vector<std::string_view> seen;
    for (const auto& d : e.data) {
      auto it = keys.find(d.key);
      if (it == keys.end()) {
        warn(d.line, fmt::format("<data key=\"{}\"> has no matching <key>: ignored", d.key));
        continue;
      }
      seen.push_back(d.key);
      if (it->second.field != Field::ignore && !d.complex)
        v.push_back({it->second.field, {d.value, d.line}});
    }
    for (const auto& [id, info] : keys)
      if (info.field != Field::ignore && *info.default_value &&
          std::find(seen.begin(), seen.end(), id) == seen.end())
        v.push_back({info.field, {**info.default_value, e.line}});
    return v;
  }

  bool number(std::string_view text, std::size_t line, std::string_view what, double& out) {
    std::string_view t = text;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\n' || t.front() == '\t')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\n' || t.back() == '\t')) t.remove_suffix(1);
    if (detail::parse_double(t, out)) return true;
    warn(line, fmt::format("{} '{}' is not a number: ignored", what, text.substr(0, 40)));
    return false;
  }

  std::size_t count(std::string_view text, std::size_t line, std::string_view what) {
    double d = 0;
    if (!number(text, line, what, d)) return 0;
    if (d < 0 || d != std::floor(d)) {
      warn(line, fmt::format("{} '{}' is not a count: ignored", what, text.substr(0, 40)));
      return 0;
    }
    return static_cast<std::size_t>(d);
  }

  std::optional<Date> date(std::string_view text, std::size_t line, std::string_view what) {
    if (text.empty()) return std::nullopt;
    if (auto d = Date::parse(text)) return d;
    warn(line, fmt::format("{} '{}' is not a date (YYYY-MM-DD): ignored", what, text.substr(0, 40)));
    return std::nullopt;
  }

  void read_nodes(GraphmlGraph& out) {
    for (const auto& n : m_doc.nodes) {
      if (!n.id) {
        warn(n.line, "<node> without an id: skipped");
        continue;
      }
      Actor a;
      a.id = *n.id;
      std::string label;
      std::string state;
      for (const auto& [field, where] : values_of(n, m_node_keys)) {
        const auto [value, line] = where;
        switch (field) {
          case Field::id: if (!value.empty()) a.id = std::string(value); break;
          case Field::name: a.name = std::string(value); break;
          case Field::label: label = std::string(value); break;
          case Field::code: a.code = std::string(value); break;
          case Field::country: a.country = std::string(value); break;
          case Field::kind:
            if (auto k = actor_kind_from_string(value)) a.kind = *k;
            else warn(line, fmt::format("unknown actor kind '{}': read as other", value.substr(0, 40)));
            break;
          case Field::title: a.title = std::string(value); break;
          case Field::aliases: {
            std::string_view rest = value;
            while (!rest.empty()) {
              const auto sep = rest.find("; ");
              a.aliases.emplace_back(rest.substr(0, sep));
              if (sep == std::string_view::npos) break;
              rest.remove_prefix(sep + 2);
            }
            break;
          }
          case Field::state: state = std::string(value); break;
          default: break;
        }
      }
      // diplograph writes the name as Gephi's "label"; networkx files usually carry "name".
      if (!label.empty() && a.name.empty()) a.name = label;
      if (a.name.empty()) a.name = a.id;
      if (!m_actor_ids.insert(a.id).second) {
        warn(n.line, fmt::format("node id '{}' appears twice: the second is skipped", a.id));
        continue;
      }
      m_actor_of[*n.id] = out.graph.actors.size();
      if (!state.empty()) out.graph.affiliations.push_back(Affiliation{a.id, state});
      out.graph.actors.push_back(std::move(a));
    }
  }

  std::size_t actor_index(GraphmlGraph& out, const std::string& xml_id, std::size_t line) {
    auto it = m_actor_of.find(xml_id);
    if (it != m_actor_of.end()) return it->second;
    warn(line, fmt::format("edge end '{}' is not a declared <node>: added as a bare actor", xml_id));
    Actor a;
    a.id = xml_id;
    a.name = xml_id;
    m_actor_of[xml_id] = out.graph.actors.size();
    out.graph.actors.push_back(std::move(a));
    return out.graph.actors.size() - 1;
  }

  void read_edges(GraphmlGraph& out) {
    std::vector<std::pair<std::size_t, std::size_t>> ends;
    for (const auto& e : m_doc.edges) {
      if (e.source.empty() || e.target.empty()) {
        warn(e.line, "<edge> without source or target: skipped");
        continue;
      }
      const std::size_t s = actor_index(out, e.source, e.line);
      const std::size_t t = actor_index(out, e.target, e.line);
      const auto values = values_of(e, m_edge_keys);
      const bool is_dyad =
          std::any_of(values.begin(), values.end(), [](auto& v) { return v.first == Field::count; }) &&
          std::none_of(values.begin(), values.end(), [](auto& v) { return v.first == Field::cameo; });
      if (is_dyad) {
        out.dyads.push_back(dyad(values, out.graph.actors[s].id, out.graph.actors[t].id));
        continue;
      }
      Event ev;
      Provenance p;
      bool has_provenance = false;
      for (const auto& [field, where] : values) {
        const auto [value, line] = where;
        double d = 0;
        switch (field) {
          case Field::cameo: ev.cameo = std::string(value); break;
          case Field::root: ev.root = std::string(value); break;
          case Field::quad:
            if (number(value, line, "quad", d)) ev.quad = static_cast<int>(d);
            break;
          case Field::goldstein:
            if (number(value, line, "goldstein", d)) ev.goldstein = d;
            break;
          case Field::date: ev.date = date(value, line, "date"); break;
          case Field::confidence:
            if (number(value, line, "confidence", d)) ev.confidence = d;
            break;
          case Field::domestic:
            if (value == "true" || value == "1" || value == "True") ev.domestic = true;
            else if (value == "false" || value == "0" || value == "False") ev.domestic = false;
            else warn(line, fmt::format("domestic '{}' is not a boolean: ignored", value.substr(0, 40)));
            break;
          case Field::doc: p.doc = std::string(value); has_provenance = true; break;
          case Field::sentence: p.sentence = count(value, line, "sentence"); has_provenance = true; break;
          case Field::evidence: p.evidence = std::string(value); has_provenance = true; break;
          default: break;
        }
      }
      if (ev.root.empty() && ev.cameo.size() >= 2) ev.root = ev.cameo.substr(0, 2);
      if (has_provenance) ev.provenance.push_back(std::move(p));
      ends.emplace_back(s, t);
      out.graph.events.push_back(std::move(ev));
    }
    for (std::size_t i = 0; i < out.graph.events.size(); ++i) {
      const Actor& s = out.graph.actors[ends[i].first];
      const Actor& t = out.graph.actors[ends[i].second];
      out.graph.events[i].source = ActorRef{s.id, s.name, s.code};
      out.graph.events[i].target = ActorRef{t.id, t.name, t.code};
    }
    std::stable_sort(out.graph.events.begin(), out.graph.events.end(),
                     [](const Event& x, const Event& y) {
                       if (x.date != y.date) return x.date < y.date;
                       if (int c = x.source.id.compare(y.source.id); c != 0) return c < 0;
                       if (int c = x.target.id.compare(y.target.id); c != 0) return c < 0;
                       return x.cameo < y.cameo;
                     });
    std::sort(out.graph.actors.begin(), out.graph.actors.end(),
              [](const Actor& a, const Actor& b) { return a.id < b.id; });
    std::sort(out.graph.affiliations.begin(), out.graph.affiliations.end(),
              [](const Affiliation& a, const Affiliation& b) {
                return std::tie(a.member, a.state) < std::tie(b.member, b.state);
              });
  }

  Dyad dyad(const Values& values, const std::string& source, const std::string& target) {
    Dyad d;
    d.source = source;
    d.target = target;
    for (const auto& [field, where] : values) {
      const auto [value, line] = where;
      double x = 0;
      switch (field) {
        case Field::count: d.count = count(value, line, "count"); break;
        case Field::goldstein_sum: if (number(value, line, "goldstein_sum", x)) d.goldstein_sum = x; break;
        case Field::goldstein_mean: if (number(value, line, "goldstein_mean", x)) d.goldstein_mean = x; break;
        case Field::quad1: d.quad_count[0] = count(value, line, "quad1"); break;
        case Field::quad2: d.quad_count[1] = count(value, line, "quad2"); break;
        case Field::quad3: d.quad_count[2] = count(value, line, "quad3"); break;
        case Field::quad4: d.quad_count[3] = count(value, line, "quad4"); break;
        case Field::first: d.first = date(value, line, "first"); break;
        case Field::last: d.last = date(value, line, "last"); break;
        case Field::roots: {
          // "04:3 05:1"
          std::string_view rest = value;
          while (!rest.empty()) {
            const auto space = rest.find(' ');
            const std::string_view item = rest.substr(0, space);
            const auto colon = item.find(':');
            if (colon != std::string_view::npos)
              d.root_count.emplace_back(std::string(item.substr(0, colon)),
                                        count(item.substr(colon + 1), line, "roots"));
            if (space == std::string_view::npos) break;
            rest.remove_prefix(space + 1);
          }
          break;
        }
        default: break;
      }
    }
    return d;
  }

  const detail::GraphmlDocument& m_doc;
  std::string_view m_file;
  std::unordered_map<std::string, KeyInfo> m_node_keys;
  std::unordered_map<std::string, KeyInfo> m_edge_keys;
  std::unordered_map<std::string, std::size_t> m_actor_of;  // XML node id -> actor index
  std::unordered_set<std::string> m_actor_ids;
  std::vector<Error> m_errors;
};

}  // namespace

expected<GraphmlGraph, Error> read_graphml(std::string_view text, std::string_view file) {
  auto doc = detail::parse_graphml_document(text, file);
  if (!doc) return unexpected(doc.error());
  const auto colon = doc->root.find(':');
  if ((colon == std::string::npos ? doc->root : doc->root.substr(colon + 1)) != "graphml")
    return unexpected(Error{std::string(file), 1, 0,
                            fmt::format("not GraphML: the root element is <{}>", doc->root)});
  return Converter(*doc, file).run();
}

expected<GraphmlGraph, Error> read_graphml_file(const std::string& path) {
  auto bytes = detail::read_file_bytes(path);
  if (!bytes) return unexpected(bytes.error());
  return read_graphml(*bytes, path);
}

}  // namespace diplograph::io
