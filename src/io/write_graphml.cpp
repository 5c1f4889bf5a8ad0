// GraphML writer: the GraphML namespace, one typed <key> per attribute, nodes by actor id,
// edges with unique ids. Attribute values are escaped here (append_xml), never by a library
// that might trim them: a name with a newline or "<b>" reads back unchanged.
#include <string>

#include "diplograph/io/export.hpp"
#include "write_common.hpp"

namespace diplograph::io {
namespace {

using detail::append_number;
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
template <typename Number>
void data_number(std::string& out, const char* key, Number value) {
  out += "      <data key=\"";
  out += key;
  out += "\">";
  append_number(out, value);
  out += "</data>\n";
}
void data_date(std::string& out, const char* key, const std::optional<Date>& date) {
  if (!date) return;
  out += "      <data key=\"";
  out += key;
  out += "\">";
  detail::append_date(out, *date);
  out += "</data>\n";
}
void data_bool(std::string& out, const char* key, bool value) {
  out += "      <data key=\"";
  out += key;
  out += value ? "\">true</data>\n" : "\">false</data>\n";
}

void edge_open(std::string& out, std::string_view prefix, std::size_t index,
               std::string_view source, std::string_view target) {
  out += "    <edge id=\"";
  out += prefix;
  append_number(out, index);
  out += "\" source=\"";
  append_xml(out, source, XmlPlace::attribute);
  out += "\" target=\"";
  append_xml(out, target, XmlPlace::attribute);
  out += "\">\n";
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

  if (input.edges == EdgeView::events) {
    std::size_t index = 0;
    for (const auto& e : input.graph.events) {
      edge_open(out, prefix, index++, e.source.id, e.target.id);
      data_text(out, "e_label", labels(e.cameo));
      data_text(out, "e_cameo", e.cameo);
      data_text(out, "e_root", e.root);
      data_number(out, "e_quad", static_cast<std::size_t>(e.quad < 0 ? 0 : e.quad));
      data_number(out, "e_goldstein", e.goldstein);
      data_date(out, "e_date", e.date);
      data_number(out, "e_confidence", e.confidence);
      data_bool(out, "e_domestic", e.domestic);
      const auto ev = detail::evidence_of(e);
      data_text(out, "e_doc", ev.doc);
      if (ev.reports) data_number(out, "e_sentence", ev.sentence);
      data_text(out, "e_evidence", ev.evidence);
      data_number(out, "e_reports", ev.reports);
      data_number(out, "e_weight", 1.0);
      out += "    </edge>\n";
      sink.maybe_flush();
    }
  } else {
    std::size_t index = 0;
    for (const auto& d : input.dyads) {
      edge_open(out, prefix, index++, d.source, d.target);
      const std::string_view root = detail::dominant_root(d);
      data_text(out, "e_label", labels(root));
      data_number(out, "e_count", d.count);
      data_number(out, "e_weight", static_cast<double>(d.count));
      data_number(out, "e_goldstein_sum", d.goldstein_sum);
      data_number(out, "e_goldstein_mean", d.goldstein_mean);
      data_number(out, "e_quad", static_cast<std::size_t>(detail::dominant_quad(d)));
      data_number(out, "e_quad1", d.quad_count[0]);
      data_number(out, "e_quad2", d.quad_count[1]);
      data_number(out, "e_quad3", d.quad_count[2]);
      data_number(out, "e_quad4", d.quad_count[3]);
      data_text(out, "e_roots", detail::roots_text(d));
      data_date(out, "e_first", d.first);
      data_date(out, "e_last", d.last);
      out += "    </edge>\n";
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
