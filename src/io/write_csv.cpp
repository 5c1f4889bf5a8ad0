// nodes.csv and edges.csv with a header row, RFC 4180 quoting (a field with a comma, quote or
// line break is quoted, quotes doubled). Plain column names so pandas.read_csv needs no options;
// Neo4j reads them with LOAD CSV WITH HEADERS (docs/FORMATS.md shows the Cypher).
#include <string>

#include "diplograph/io/export.hpp"
#include "write_common.hpp"

namespace diplograph::io {
namespace {

using detail::append_csv;
using detail::append_number;

}  // namespace

void detail::write_csv_to(const ExportGraph& input, CameoNamer cameo_name, detail::Sink& nodes,
                          detail::Sink& edges) {
  const auto table = detail::actor_table(input);
  const auto states = detail::affiliation_map(input.graph);
  const std::string prefix = detail::edge_id_prefix(input.graph);
  detail::CameoLabels labels(cameo_name);
  auto& n = nodes.text;
  nodes.reserve(64 + table.all.size() * 120);
  n += "id,label,code,country,kind,title,aliases,state\n";
  for (const Actor* a : table.all) {
    append_csv(n, a->id);
    n += ',';
    append_csv(n, a->name);
    n += ',';
    append_csv(n, a->code);
    n += ',';
    append_csv(n, a->country);
    n += ',';
    append_csv(n, to_string(a->kind));
    n += ',';
    append_csv(n, a->title);
    n += ',';
    std::string aliases;
    for (const auto& alias : a->aliases) {
      if (!aliases.empty()) aliases += "; ";
      aliases += alias;
    }
    append_csv(n, aliases);
    n += ',';
    if (auto it = states.find(a->id); it != states.end()) append_csv(n, it->second);
    n += '\n';
    nodes.maybe_flush();
  }
  nodes.flush();

  auto& e = edges.text;
  std::size_t index = 0;
  if (input.edges == EdgeView::events) {
    edges.reserve(128 + input.graph.events.size() * 250);
    e += "id,source,target,label,cameo,root,quad,goldstein,date,confidence,domestic,doc,sentence,"
         "evidence,reports,weight\n";
    for (const auto& ev : input.graph.events) {
      e += prefix;
      append_number(e, index++);
      e += ',';
      append_csv(e, ev.source.id);
      e += ',';
      append_csv(e, ev.target.id);
      e += ',';
      append_csv(e, labels(ev.cameo));
      e += ',';
      append_csv(e, ev.cameo);
      e += ',';
      append_csv(e, ev.root);
      e += ',';
      append_number(e, static_cast<std::size_t>(ev.quad < 0 ? 0 : ev.quad));
      e += ',';
      append_number(e, ev.goldstein);
      e += ',';
      e += detail::date_text(ev.date);
      e += ',';
      append_number(e, ev.confidence);
      e += ev.domestic ? ",true," : ",false,";
      const auto p = detail::evidence_of(ev);
      append_csv(e, p.doc);
      e += ',';
      if (p.reports) append_number(e, p.sentence);
      e += ',';
      append_csv(e, p.evidence);
      e += ',';
      append_number(e, p.reports);
      e += ",1\n";
      edges.maybe_flush();
    }
  } else {
    edges.reserve(128 + input.dyads.size() * 120);
    e += "id,source,target,label,count,weight,goldstein_sum,goldstein_mean,quad,quad1,quad2,"
         "quad3,quad4,roots,first,last\n";
    for (const auto& d : input.dyads) {
      e += prefix;
      append_number(e, index++);
      e += ',';
      append_csv(e, d.source);
      e += ',';
      append_csv(e, d.target);
      e += ',';
      const std::string_view root = detail::dominant_root(d);
      append_csv(e, labels(root));
      e += ',';
      append_number(e, d.count);
      e += ',';
      append_number(e, d.count);
      e += ',';
      append_number(e, d.goldstein_sum);
      e += ',';
      append_number(e, d.goldstein_mean);
      e += ',';
      append_number(e, static_cast<std::size_t>(detail::dominant_quad(d)));
      for (int q = 0; q < 4; ++q) {
        e += ',';
        append_number(e, d.quad_count[q]);
      }
      e += ',';
      append_csv(e, detail::roots_text(d));
      e += ',';
      e += detail::date_text(d.first);
      e += ',';
      e += detail::date_text(d.last);
      e += '\n';
      edges.maybe_flush();
    }
  }
  edges.flush();
}

CsvFiles write_csv(const ExportGraph& input, CameoNamer cameo_name) {
  detail::Sink nodes, edges;
  detail::write_csv_to(input, cameo_name, nodes, edges);
  return {std::move(nodes.text), std::move(edges.text)};
}

}  // namespace diplograph::io
