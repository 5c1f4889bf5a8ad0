// The events as a GDELT-like tab-separated file with a header row. The first columns carry
// GDELT's names and meanings (SQLDATE as YYYYMMDD, EventCode as a string keeping its zero); the
// rest are diplograph's provenance. One event a line: tabs and line breaks inside names and
// evidence become spaces, since GDELT-style TSV has no quoting.
#include <string>

#include "diplograph/io/export.hpp"
#include "write_common.hpp"

namespace diplograph::io {
namespace {

void append_field(std::string& out, std::string_view s) {
  for (char c : s) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
}

}  // namespace

void detail::write_events_to(const GraphData& graph, detail::Sink& sink) {
  std::string& out = sink.text;
  sink.reserve(256 + graph.events.size() * 250);
  out +=
      "GLOBALEVENTID\tSQLDATE\tActor1Code\tActor1Name\tActor2Code\tActor2Name\tIsRootEvent\t"
      "EventCode\tEventBaseCode\tEventRootCode\tQuadClass\tGoldsteinScale\tNumMentions\t"
      "Actor1Id\tActor2Id\tConfidence\tDomestic\tDocId\tSentence\tEvidence\n";
  std::size_t index = 0;
  for (const auto& e : graph.events) {
    detail::append_number(out, ++index);
    out += '\t';
    if (e.date) fmt::format_to(std::back_inserter(out), "{:04}{:02}{:02}", e.date->year,
                               e.date->month, e.date->day);
    out += '\t';
    append_field(out, e.source.code);
    out += '\t';
    append_field(out, e.source.name);
    out += '\t';
    append_field(out, e.target.code);
    out += '\t';
    append_field(out, e.target.name);
    out += "\t1\t";
    append_field(out, e.cameo);
    out += '\t';
    append_field(out, std::string_view(e.cameo).substr(0, 3));
    out += '\t';
    append_field(out, e.root);
    out += '\t';
    detail::append_number(out, static_cast<std::size_t>(e.quad < 0 ? 0 : e.quad));
    out += '\t';
    detail::append_number(out, e.goldstein);
    out += '\t';
    const auto p = detail::evidence_of(e);
    detail::append_number(out, p.reports);
    out += '\t';
    append_field(out, e.source.id);
    out += '\t';
    append_field(out, e.target.id);
    out += '\t';
    detail::append_number(out, e.confidence);
    out += e.domestic ? "\ttrue\t" : "\tfalse\t";
    append_field(out, p.doc);
    out += '\t';
    if (p.reports) detail::append_number(out, p.sentence);
    out += '\t';
    append_field(out, p.evidence);
    out += '\n';
    sink.maybe_flush();
  }
  sink.flush();
}

std::string write_events_tsv(const GraphData& graph) {
  detail::Sink sink;
  detail::write_events_to(graph, sink);
  return std::move(sink.text);
}

}  // namespace diplograph::io
