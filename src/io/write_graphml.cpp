// GraphML writer: the GraphML namespace, one typed <key> per attribute, nodes by actor id,
// edges with unique ids. Attribute values are escaped here (append_xml), never by a library
// that might trim them: a name with a newline or "<b>" reads back unchanged.
#include <charconv>
#include <cstring>
#include <string>
#include <unordered_map>

#include "diplograph/io/export.hpp"
#include "write_common.hpp"

namespace diplograph::io {
namespace {

using detail::append_xml;
using detail::XmlPlace;

struct Key {
  const char* id;
  const char* for_;
  const char* name;
  const char* type;
};

// Node keys and edge keys; ids are stable so files diff cleanly between runs.
constexpr Key kNodeKeys[] = {
    {"n_label", "node", "label", "string"},     {"n_code", "node", "code", "string"},
    {"n_country", "node", "country", "string"}, {"n_kind", "node", "kind", "string"},
    {"n_title", "node", "title", "string"},     {"n_aliases", "node", "aliases", "string"},
    {"n_state", "node", "state", "string"},
};
constexpr Key kEventKeys[] = {
    {"e_label", "edge", "label", "string"},      {"e_cameo", "edge", "cameo", "string"},
    {"e_root", "edge", "root", "string"},        {"e_quad", "edge", "quad", "int"},
    {"e_goldstein", "edge", "goldstein", "double"}, {"e_date", "edge", "date", "string"},
    {"e_confidence", "edge", "confidence", "double"},
    {"e_domestic", "edge", "domestic", "boolean"}, {"e_doc", "edge", "doc", "string"},
    {"e_sentence", "edge", "sentence", "int"},   {"e_evidence", "edge", "evidence", "string"},
    {"e_reports", "edge", "reports", "int"},     {"e_weight", "edge", "weight", "double"},
};
constexpr Key kDyadKeys[] = {
    {"e_label", "edge", "label", "string"},
    {"e_count", "edge", "count", "int"},
    {"e_weight", "edge", "weight", "double"},
    {"e_goldstein_sum", "edge", "goldstein_sum", "double"},
    {"e_goldstein_mean", "edge", "goldstein_mean", "double"},
    {"e_quad", "edge", "quad", "int"},
    {"e_quad1", "edge", "quad1", "int"},
    {"e_quad2", "edge", "quad2", "int"},
    {"e_quad3", "edge", "quad3", "int"},
    {"e_quad4", "edge", "quad4", "int"},
    {"e_roots", "edge", "roots", "string"},
    {"e_first", "edge", "first", "string"},
    {"e_last", "edge", "last", "string"},
};

void write_keys(std::string& out, std::span<const Key> keys) {
  for (const auto& k : keys) {
    out += "  <key id=\"";
    out += k.id;
    out += "\" for=\"";
    out += k.for_;
    out += "\" attr.name=\"";
    out += k.name;
    out += "\" attr.type=\"";
    out += k.type;
    out += "\"/>\n";
  }
}

// <data> for a string; empty strings are left out (GraphML's "missing" value).
void data_text(std::string& out, const char* key, std::string_view value) {
  if (value.empty()) return;
  out += "      <data key=\"";
  out += key;
  out += "\">";
  append_xml(out, value, XmlPlace::text);
  out += "</data>\n";
}

// One edge element written by pointer into room its caller made (write_edge): the same bytes
// as data_text() above writes for text, without a size check or strlen per piece.
// Example: w.open("e", 7, "USA", "CHN"); w.number("e_count", 3); w.close();
struct Edge {
  char* p;

  template <std::size_t N>
  void lit(const char (&s)[N]) {
    std::memcpy(p, s, N - 1);
    p += N - 1;
  }
  void raw(std::string_view s) {
    std::memcpy(p, s.data(), s.size());
    p += s.size();
  }
  void key(const char* key) {
    lit("      <data key=\"");
    raw(key);
    lit("\">");
  }
  void open(std::string_view prefix, std::size_t index, std::string_view source,
            std::string_view target) {
    lit("    <edge id=\"");
    raw(prefix);
    p = std::to_chars(p, p + 24, index).ptr;
    lit("\" source=\"");
    p = detail::put_xml(p, source, XmlPlace::attribute);
    lit("\" target=\"");
    p = detail::put_xml(p, target, XmlPlace::attribute);
    lit("\">\n");
  }
  void close() { lit("    </edge>\n"); }
  void text(const char* k, std::string_view value) {
    if (value.empty()) return;
    key(k);
    p = detail::put_xml(p, value, XmlPlace::text);
    lit("</data>\n");
  }
  void text_escaped(const char* k, std::string_view escaped) {
    if (escaped.empty()) return;
    key(k);
    raw(escaped);
    lit("</data>\n");
  }
  void number(const char* k, std::size_t value) {
    key(k);
    p = std::to_chars(p, p + 24, value).ptr;
    lit("</data>\n");
  }
  void number(const char* k, double value) {
    key(k);
    p = std::to_chars(p, p + 32, value).ptr;
    lit("</data>\n");
  }
  void date(const char* k, const std::optional<Date>& value) {
    if (!value) return;
    key(k);
    p = detail::put_date(p, *value);
    lit("</data>\n");
  }
  void boolean(const char* k, bool value) {
    key(k);
    if (value)
      lit("true</data>\n");
    else
      lit("false</data>\n");
  }
  // detail::roots_text(dyad) escaped, without building it: "04:12 05:3".
  void roots(const char* k, const Dyad& d) {
    if (d.root_count.empty()) return;
    key(k);
    bool first = true;
    for (const auto& [root, count] : d.root_count) {
      if (!first) *p++ = ' ';
      first = false;
      p = detail::put_xml(p, root, XmlPlace::text);
      *p++ = ':';
      p = std::to_chars(p, p + 24, count).ptr;
    }
    lit("</data>\n");
  }
};
// Room for an edge's fixed text: tags, keys and numbers (at most 32 bytes each), all of the
// event view's 14 <data> lines, with margin; texts add 6 bytes per byte (escaping) on top.
constexpr std::size_t kEdgeFixed = 2048;

// Makes room for `bound` bytes at the end of `out` without zero-filling it, lets `fill` write
// by pointer, and keeps what it wrote.
template <typename Fill>
void write_edge(std::string& out, std::size_t bound, Fill&& fill) {
  const std::size_t old = out.size();
  out.resize_and_overwrite(old + bound, [&](char* buffer, std::size_t) {
    Edge w{buffer + old};
    fill(w);
    return static_cast<std::size_t>(w.p - buffer);
  });
}

}  // namespace

void detail::write_graphml_to(const ExportGraph& input, CameoNamer cameo_name,
                              detail::Sink& sink) {
  const auto table = detail::actor_table(input);
  const auto states = detail::affiliation_map(input.graph);
  const std::string prefix = detail::edge_id_prefix(input.graph);
  detail::CameoLabels labels(cameo_name);

  std::string& out = sink.text;
  sink.reserve(512 + table.all.size() * 256 +
              (input.edges == EdgeView::events ? input.graph.events.size() * 600
                                               : input.dyads.size() * 500));
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  write_keys(out, kNodeKeys);
  write_keys(out, input.edges == EdgeView::events ? std::span<const Key>(kEventKeys)
                                                  : std::span<const Key>(kDyadKeys));
  out += "  <graph id=\"diplograph\" edgedefault=\"directed\">\n";

  for (const Actor* a : table.all) {
    out += "    <node id=\"";
    append_xml(out, a->id, XmlPlace::attribute);
    out += "\">\n";
    data_text(out, "n_label", a->name);
    data_text(out, "n_code", a->code);
    data_text(out, "n_country", a->country);
    data_text(out, "n_kind", to_string(a->kind));
    data_text(out, "n_title", a->title);
    std::string aliases;
    for (const auto& alias : a->aliases) {
      if (!aliases.empty()) aliases += "; ";
      aliases += alias;
    }
    data_text(out, "n_aliases", aliases);
    if (auto it = states.find(a->id); it != states.end()) data_text(out, "n_state", it->second);
    out += "    </node>\n";
    sink.maybe_flush();
  }

  // Edges: each one is written by pointer into room made once for it (Edge), with bounds
  // from the lengths of its texts; escaped CAMEO labels are computed once per code.
  std::unordered_map<std::string_view, std::string> escaped_labels;
  auto escaped_label = [&](std::string_view code) -> const std::string& {
    auto it = escaped_labels.find(code);
    if (it == escaped_labels.end()) {
      std::string text;
      append_xml(text, labels(code), XmlPlace::text);
      it = escaped_labels.emplace(code, std::move(text)).first;
    }
    return it->second;
  };
  if (input.edges == EdgeView::events) {
    std::size_t index = 0;
    for (const auto& e : input.graph.events) {
      const auto ev = detail::evidence_of(e);
      const std::string& label = escaped_label(e.cameo);
      const std::size_t bound =
          kEdgeFixed + label.size() +
          6 * (prefix.size() + e.source.id.size() + e.target.id.size() + e.cameo.size() +
               e.root.size() + ev.doc.size() + ev.evidence.size());
      write_edge(out, bound, [&](Edge& w) {
        w.open(prefix, index++, e.source.id, e.target.id);
        w.text_escaped("e_label", label);
        w.text("e_cameo", e.cameo);
        w.text("e_root", e.root);
        w.number("e_quad", static_cast<std::size_t>(e.quad < 0 ? 0 : e.quad));
        w.number("e_goldstein", e.goldstein);
        w.date("e_date", e.date);
        w.number("e_confidence", e.confidence);
        w.boolean("e_domestic", e.domestic);
        w.text("e_doc", ev.doc);
        if (ev.reports) w.number("e_sentence", ev.sentence);
        w.text("e_evidence", ev.evidence);
        w.number("e_reports", ev.reports);
        w.number("e_weight", 1.0);
        w.close();
      });
      sink.maybe_flush();
    }
  } else {
    std::size_t index = 0;
    for (const auto& d : input.dyads) {
      const std::string& label = escaped_label(detail::dominant_root(d));
      std::size_t bound = kEdgeFixed + label.size() +
                          6 * (prefix.size() + d.source.size() + d.target.size());
      for (const auto& [root, count] : d.root_count) bound += 6 * root.size() + 24;
      write_edge(out, bound, [&](Edge& w) {
        w.open(prefix, index++, d.source, d.target);
        w.text_escaped("e_label", label);
        w.number("e_count", d.count);
        w.number("e_weight", static_cast<double>(d.count));
        w.number("e_goldstein_sum", d.goldstein_sum);
        w.number("e_goldstein_mean", d.goldstein_mean);
        w.number("e_quad", static_cast<std::size_t>(detail::dominant_quad(d)));
        w.number("e_quad1", d.quad_count[0]);
        w.number("e_quad2", d.quad_count[1]);
        w.number("e_quad3", d.quad_count[2]);
        w.number("e_quad4", d.quad_count[3]);
        w.roots("e_roots", d);
        w.date("e_first", d.first);
        w.date("e_last", d.last);
        w.close();
      });
      sink.maybe_flush();
    }
  }
  out += "  </graph>\n</graphml>\n";
  sink.flush();
}

std::string write_graphml(const ExportGraph& input, CameoNamer cameo_name) {
  detail::Sink sink;
  detail::write_graphml_to(input, cameo_name, sink);
  return std::move(sink.text);
}

}  // namespace diplograph::io
