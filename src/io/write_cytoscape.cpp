// Cytoscape.js elements JSON, in the .cyjs layout Cytoscape desktop also reads:
//   {"format_version":"1.0","generated_by":"diplograph","target_cytoscapejs_version":"~3",
//    "data":{...},"elements":{"nodes":[{"data":{"id":...}}],"edges":[{"data":{...}}]}}
// Nodes come first and edge ids never equal a node id (see detail::edge_id_prefix), because
// Cytoscape.js keeps one id space for both and throws on an edge to a missing node.
#include <string>

#include "diplograph/io/export.hpp"
#include "write_common.hpp"

namespace diplograph::io {
namespace {

using detail::append_json;
using detail::append_number;

void field(std::string& out, std::string_view key, std::string_view value) {
  out += ',';
  append_json(out, key);
  out += ':';
  append_json(out, value);
}
template <typename Number>
void field_number(std::string& out, std::string_view key, Number value) {
  out += ',';
  append_json(out, key);
  out += ':';
  append_number(out, value);
}

void edge_head(std::string& out, bool first, std::string_view prefix, std::size_t index,
               std::string_view source, std::string_view target) {
  out += first ? "\n    {\"data\":{\"id\":\"" : ",\n    {\"data\":{\"id\":\"";
  out += prefix;  // only letters and underscores
  append_number(out, index);
  out += '"';
  field(out, "source", source);
  field(out, "target", target);
}

}  // namespace

void detail::write_cytoscape_to(const ExportGraph& input, CameoNamer cameo_name,
                                detail::Sink& sink) {
  const auto table = detail::actor_table(input);
  const auto states = detail::affiliation_map(input.graph);
  const std::string prefix = detail::edge_id_prefix(input.graph);
  detail::CameoLabels labels(cameo_name);
  const bool events = input.edges == EdgeView::events;

  std::string& out = sink.text;
  sink.reserve(256 + table.all.size() * 200 +
              (events ? input.graph.events.size() * 400 : input.dyads.size() * 300));
  out +=
      "{\"format_version\":\"1.0\",\"generated_by\":\"diplograph\","
      "\"target_cytoscapejs_version\":\"~3\",\n \"data\":{\"name\":\"diplograph\",\"view\":";
  out += events ? "\"events\"" : "\"dyads\"";
  out += "},\n \"elements\":{\"nodes\":[";
  bool first = true;
  for (const Actor* a : table.all) {
    out += first ? "\n    {\"data\":{\"id\":" : ",\n    {\"data\":{\"id\":";
    first = false;
    append_json(out, a->id);
    field(out, "label", a->name);
    field(out, "code", a->code);
    field(out, "country", a->country);
    field(out, "kind", to_string(a->kind));
    if (!a->title.empty()) field(out, "title", a->title);
    if (!a->aliases.empty()) {
      out += ",\"aliases\":[";
      for (std::size_t i = 0; i < a->aliases.size(); ++i) {
        if (i) out += ',';
        append_json(out, a->aliases[i]);
      }
      out += ']';
    }
    if (auto it = states.find(a->id); it != states.end()) field(out, "state", it->second);
    out += "}}";
    sink.maybe_flush();
  }
  out += "\n  ],\n  \"edges\":[";
  first = true;
  std::size_t index = 0;
  if (events) {
    for (const auto& e : input.graph.events) {
      edge_head(out, first, prefix, index++, e.source.id, e.target.id);
      first = false;
      field(out, "label", labels(e.cameo));
      field(out, "cameo", e.cameo);
      field(out, "root", e.root);
      field_number(out, "quad", static_cast<std::size_t>(e.quad < 0 ? 0 : e.quad));
      field_number(out, "goldstein", e.goldstein);
      if (e.date) field(out, "date", e.date->iso());
      field_number(out, "confidence", e.confidence);
      out += e.domestic ? ",\"domestic\":true" : ",\"domestic\":false";
      const auto ev = detail::evidence_of(e);
      if (ev.reports) {
        field(out, "doc", ev.doc);
        field_number(out, "sentence", ev.sentence);
        field(out, "evidence", ev.evidence);
      }
      field_number(out, "reports", ev.reports);
      field_number(out, "weight", 1.0);
      out += "}}";
      sink.maybe_flush();
    }
  } else {
    for (const auto& d : input.dyads) {
      edge_head(out, first, prefix, index++, d.source, d.target);
      first = false;
      const std::string_view root = detail::dominant_root(d);
      field(out, "label", labels(root));
      field_number(out, "count", d.count);
      field_number(out, "weight", static_cast<double>(d.count));
      field_number(out, "goldstein_sum", d.goldstein_sum);
      field_number(out, "goldstein_mean", d.goldstein_mean);
      field_number(out, "quad", static_cast<std::size_t>(detail::dominant_quad(d)));
      out += ",\"quad_count\":[";
      for (int q = 0; q < 4; ++q) {
        if (q) out += ',';
        append_number(out, d.quad_count[q]);
      }
      out += ']';
      field(out, "roots", detail::roots_text(d));
      if (d.first) field(out, "first", d.first->iso());
      if (d.last) field(out, "last", d.last->iso());
      out += "}}";
      sink.maybe_flush();
    }
  }
  out += "\n  ]}}\n";
  sink.flush();
}

std::string write_cytoscape(const ExportGraph& input, CameoNamer cameo_name) {
  detail::Sink sink;
  detail::write_cytoscape_to(input, cameo_name, sink);
  return std::move(sink.text);
}

}  // namespace diplograph::io
