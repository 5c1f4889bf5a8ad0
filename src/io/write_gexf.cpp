// GEXF 1.3 writer in dynamic mode so Gephi's timeline plays the relations over time: each
// node starts at its first event, each event edge lives on its date (start=end), each dyad edge
// from its first to its last event. Attributes are declared once in <attributes> with types.
#include <string>

#include "diplograph/io/export.hpp"
#include "write_common.hpp"

namespace diplograph::io {
namespace {

using detail::append_number;
using detail::append_xml;
using detail::XmlPlace;

struct Attribute {
  const char* id;
  const char* title;
  const char* type;
};

constexpr Attribute kNodeAttributes[] = {
    {"code", "code", "string"},   {"country", "country", "string"},
    {"kind", "kind", "string"},   {"title", "title", "string"},
    {"aliases", "aliases", "string"}, {"state", "state", "string"},
};
constexpr Attribute kEventAttributes[] = {
    {"cameo", "cameo", "string"},         {"root", "root", "string"},
    {"quad", "quad", "integer"},          {"goldstein", "goldstein", "double"},
    {"date", "date", "string"},           {"confidence", "confidence", "double"},
    {"domestic", "domestic", "boolean"},  {"doc", "doc", "string"},
    {"sentence", "sentence", "integer"},  {"evidence", "evidence", "string"},
    {"reports", "reports", "integer"},
};
constexpr Attribute kDyadAttributes[] = {
    {"count", "count", "integer"},         {"goldstein_sum", "goldstein_sum", "double"},
    {"goldstein_mean", "goldstein_mean", "double"}, {"quad", "quad", "integer"},
    {"quad1", "quad1", "integer"},         {"quad2", "quad2", "integer"},
    {"quad3", "quad3", "integer"},         {"quad4", "quad4", "integer"},
    {"roots", "roots", "string"},
};

void declare(std::string& out, const char* cls, std::span<const Attribute> attributes) {
  out += "    <attributes class=\"";
  out += cls;
  out += "\" mode=\"static\">\n";
  for (const auto& a : attributes) {
    out += "      <attribute id=\"";
    out += a.id;
    out += "\" title=\"";
    out += a.title;
    out += "\" type=\"";
    out += a.type;
    out += "\"/>\n";
  }
  out += "    </attributes>\n";
}

void value_text(std::string& out, const char* id, std::string_view value) {
  if (value.empty()) return;
  out += "          <attvalue for=\"";
  out += id;
  out += "\" value=\"";
  append_xml(out, value, XmlPlace::attribute);
  out += "\"/>\n";
}
template <typename Number>
void value_number(std::string& out, const char* id, Number value) {
  out += "          <attvalue for=\"";
  out += id;
  out += "\" value=\"";
  append_number(out, value);
  out += "\"/>\n";
}

void edge_open(std::string& out, std::string_view prefix, std::size_t index,
               std::string_view source, std::string_view target, std::string_view label,
               double weight, const std::optional<Date>& start, const std::optional<Date>& end) {
  out += "      <edge id=\"";
  out += prefix;
  append_number(out, index);
  out += "\" source=\"";
  append_xml(out, source, XmlPlace::attribute);
  out += "\" target=\"";
  append_xml(out, target, XmlPlace::attribute);
  out += "\" label=\"";
  append_xml(out, label, XmlPlace::attribute);
  out += "\" weight=\"";
  append_number(out, weight);
  out += '"';
  if (start) {
    out += " start=\"";
    detail::append_date(out, *start);
    out += '"';
  }
  if (end) {
    out += " end=\"";
    detail::append_date(out, *end);
    out += '"';
  }
  out += ">\n        <attvalues>\n";
}

}  // namespace

void detail::write_gexf_to(const ExportGraph& input, CameoNamer cameo_name, detail::Sink& sink) {
  const auto table = detail::actor_table(input);
  const auto states = detail::affiliation_map(input.graph);
  const auto first = detail::first_dates(input);
  const std::string prefix = detail::edge_id_prefix(input.graph);
  detail::CameoLabels labels(cameo_name);
  const bool events = input.edges == EdgeView::events;

  std::string& out = sink.text;
  sink.reserve(512 + table.all.size() * 300 +
              (events ? input.graph.events.size() * 700 : input.dyads.size() * 600));
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
      "version=\"1.3\">\n"
      "  <meta>\n    <creator>diplograph</creator>\n    <description>";
  out += events ? "diplomatic events (one edge per event)"
                : "diplomatic relations (one edge per ordered actor pair)";
  out +=
      "</description>\n  </meta>\n"
      "  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\" "
      "timerepresentation=\"interval\">\n";
  declare(out, "node", kNodeAttributes);
  declare(out, "edge", events ? std::span<const Attribute>(kEventAttributes)
                              : std::span<const Attribute>(kDyadAttributes));

  out += "    <nodes>\n";
  for (const Actor* a : table.all) {
    out += "      <node id=\"";
    append_xml(out, a->id, XmlPlace::attribute);
    out += "\" label=\"";
    append_xml(out, a->name, XmlPlace::attribute);
    out += '"';
    if (auto it = first.find(a->id); it != first.end()) {
      out += " start=\"";
      out += it->second.iso();
      out += '"';
    }
    out += ">\n        <attvalues>\n";
    value_text(out, "code", a->code);
    value_text(out, "country", a->country);
    value_text(out, "kind", to_string(a->kind));
    value_text(out, "title", a->title);
    std::string aliases;
    for (const auto& alias : a->aliases) {
      if (!aliases.empty()) aliases += "; ";
      aliases += alias;
    }
    value_text(out, "aliases", aliases);
    if (auto it = states.find(a->id); it != states.end()) value_text(out, "state", it->second);
    out += "        </attvalues>\n      </node>\n";
    sink.maybe_flush();
  }
  out += "    </nodes>\n    <edges>\n";

  if (events) {
    std::size_t index = 0;
    for (const auto& e : input.graph.events) {
      edge_open(out, prefix, index++, e.source.id, e.target.id,
                labels(e.cameo), 1.0, e.date, e.date);
      value_text(out, "cameo", e.cameo);
      value_text(out, "root", e.root);
      value_number(out, "quad", static_cast<std::size_t>(e.quad < 0 ? 0 : e.quad));
      value_number(out, "goldstein", e.goldstein);
      value_text(out, "date", detail::date_text(e.date));
      value_number(out, "confidence", e.confidence);
      value_text(out, "domestic", e.domestic ? "true" : "false");
      const auto ev = detail::evidence_of(e);
      value_text(out, "doc", ev.doc);
      if (ev.reports) value_number(out, "sentence", ev.sentence);
      value_text(out, "evidence", ev.evidence);
      value_number(out, "reports", ev.reports);
      out += "        </attvalues>\n      </edge>\n";
      sink.maybe_flush();
    }
  } else {
    std::size_t index = 0;
    for (const auto& d : input.dyads) {
      const std::string_view root = detail::dominant_root(d);
      edge_open(out, prefix, index++, d.source, d.target,
                labels(root),
                static_cast<double>(d.count), d.first, d.last);
      value_number(out, "count", d.count);
      value_number(out, "goldstein_sum", d.goldstein_sum);
      value_number(out, "goldstein_mean", d.goldstein_mean);
      value_number(out, "quad", static_cast<std::size_t>(detail::dominant_quad(d)));
      value_number(out, "quad1", d.quad_count[0]);
      value_number(out, "quad2", d.quad_count[1]);
      value_number(out, "quad3", d.quad_count[2]);
      value_number(out, "quad4", d.quad_count[3]);
      value_text(out, "roots", detail::roots_text(d));
      out += "        </attvalues>\n      </edge>\n";
      sink.maybe_flush();
    }
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
  sink.flush();
}

std::string write_gexf(const ExportGraph& input, CameoNamer cameo_name) {
  detail::Sink sink;
  detail::write_gexf_to(input, cameo_name, sink);
  return std::move(sink.text);
}

}  // namespace diplograph::io
