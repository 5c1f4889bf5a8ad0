// The GraphML reader: diplograph's own exports read back into the same GraphData (round trip,
// hostile names included), networkx and igraph files read by attribute name, and hostile XML
// (entity bomb, external entity, truncation) refused with the file and line.
#include <gtest/gtest.h>

#include <string>

#include "diplograph/io/export.hpp"
#include "diplograph/io/graphml_reader.hpp"

namespace diplograph::io {
namespace {

const std::string kDir = std::string(DIPLOGRAPH_TEST_DATA_DIR) + "/io/readers/";

Actor actor(std::string id, std::string name, std::string code, std::string country,
            ActorKind kind) {
  Actor a;
  a.id = std::move(id);
  a.name = std::move(name);
  a.code = std::move(code);
  a.country = std::move(country);
  a.kind = kind;
  return a;
}

Event event(const Actor& s, const Actor& t, std::string cameo, int quad, double goldstein,
            std::string date, std::string doc, std::size_t sentence, std::string evidence) {
  Event e;
  e.source = {s.id, s.name, s.code};
  e.target = {t.id, t.name, t.code};
  e.cameo = cameo;
  e.root = cameo.substr(0, 2);
  e.quad = quad;
  e.goldstein = goldstein;
  e.date = Date::parse(date);
  e.confidence = 0.75;
  e.domestic = s.country == t.country;
  e.provenance.push_back(Provenance{std::move(doc), sentence, {}, std::move(evidence)});
  return e;
}

GraphData sample_graph() {
  GraphData g;
  Actor jpn = actor("state/JPN", "Japan", "JPN", "JPN", ActorKind::state);
  Actor kishida = actor("person/fumio-kishida", "Fumio \"Kishida\" <b>&amp;</b>\nline two \xF0\x9F\x87\xAF\xF0\x9F\x87\xB5",
                        "JPNGOV", "JPN", ActorKind::person);
  kishida.title = "Prime Minister";
  kishida.aliases = {"Kishida", "PM Kishida"};
  Actor twn = actor("state/TWN", "Taiwan", "TWN", "TWN", ActorKind::state);
  Actor un = actor("igo/UNO", "United Nations", "IGOUNO", "", ActorKind::igo);
  Actor slash = actor("org/TWN/back\\slash", "back\\slash 'quoted'", "TWNBUS", "TWN", ActorKind::company);
  g.actors = {un, slash, kishida, jpn, twn};
  std::sort(g.actors.begin(), g.actors.end(), [](auto& a, auto& b) { return a.id < b.id; });
  g.events = {
      event(kishida, twn, "042", 1, 1.9, "2024-08-15", "news-1", 3, "Kishida met \"Lai\" & <friends>."),
      event(twn, jpn, "051", 1, 3.4, "2024-08-16", "news-1", 4, "Taiwan thanked Japan."),
      event(twn, jpn, "051", 1, 3.4, "2024-08-16", "news-2", 0, "A parallel edge."),
      event(un, slash, "1712", 4, -9.5, "2024-08-17", "news-3", 1, "Seized."),
  };
  g.affiliations = {Affiliation{"person/fumio-kishida", "state/JPN"}};
  return g;
}

TEST(ReadGraphml, RoundTripsDiplographsOwnExport) {
  const GraphData g = sample_graph();
  const std::string xml = write_graphml(ExportGraph{g});
  auto read = read_graphml(xml, "g.graphml");
  ASSERT_TRUE(read) << read.error().to_string();
  for (const Error& e : read->errors) ADD_FAILURE() << e.to_string();
  const GraphData& r = read->graph;
  EXPECT_TRUE(read->directed);
  ASSERT_EQ(r.actors.size(), g.actors.size());
  for (std::size_t i = 0; i < g.actors.size(); ++i) {
    SCOPED_TRACE(g.actors[i].id);
    EXPECT_EQ(r.actors[i].id, g.actors[i].id);
    EXPECT_EQ(r.actors[i].name, g.actors[i].name);
    EXPECT_EQ(r.actors[i].code, g.actors[i].code);
    EXPECT_EQ(r.actors[i].country, g.actors[i].country);
    EXPECT_EQ(r.actors[i].kind, g.actors[i].kind);
    EXPECT_EQ(r.actors[i].title, g.actors[i].title);
    EXPECT_EQ(r.actors[i].aliases, g.actors[i].aliases);
  }
  ASSERT_EQ(r.events.size(), g.events.size());
  for (std::size_t i = 0; i < g.events.size(); ++i) {
    SCOPED_TRACE(i);
    const Event& a = g.events[i];
    const Event& b = r.events[i];
    EXPECT_EQ(b.source, a.source);
    EXPECT_EQ(b.target, a.target);
    EXPECT_EQ(b.cameo, a.cameo);
    EXPECT_EQ(b.root, a.root);
    EXPECT_EQ(b.quad, a.quad);
    EXPECT_DOUBLE_EQ(b.goldstein, a.goldstein);
    EXPECT_EQ(b.date, a.date);
    EXPECT_DOUBLE_EQ(b.confidence, a.confidence);
    EXPECT_EQ(b.domestic, a.domestic);
    ASSERT_EQ(b.provenance.size(), 1u);
    EXPECT_EQ(b.provenance[0].doc, a.provenance[0].doc);
    EXPECT_EQ(b.provenance[0].sentence, a.provenance[0].sentence);
    EXPECT_EQ(b.provenance[0].evidence, a.provenance[0].evidence);
  }
  EXPECT_EQ(r.events[0].cameo, "042");
  ASSERT_EQ(r.affiliations.size(), 1u);
  EXPECT_EQ(r.affiliations[0].member, "person/fumio-kishida");
  EXPECT_EQ(r.affiliations[0].state, "state/JPN");
}

TEST(ReadGraphml, RoundTripsTheAggregatedView) {
  const GraphData g = sample_graph();
  std::vector<Dyad> dyads(1);
  dyads[0].source = "state/TWN";
  dyads[0].target = "state/JPN";
  dyads[0].count = 2;
  dyads[0].goldstein_sum = 6.8;
  dyads[0].goldstein_mean = 3.4;
  dyads[0].quad_count[0] = 2;
  dyads[0].root_count = {{"05", 2}};
  dyads[0].first = Date::parse("2024-08-16");
  dyads[0].last = Date::parse("2024-08-16");
  const std::string xml = write_graphml(ExportGraph{g, dyads, EdgeView::dyads});
  auto read = read_graphml(xml, "d.graphml");
  ASSERT_TRUE(read) << read.error().to_string();
  EXPECT_TRUE(read->graph.events.empty());
  ASSERT_EQ(read->dyads.size(), 1u);
  const Dyad& d = read->dyads[0];
  EXPECT_EQ(d.source, "state/TWN");
  EXPECT_EQ(d.target, "state/JPN");
  EXPECT_EQ(d.count, 2u);
  EXPECT_DOUBLE_EQ(d.goldstein_sum, 6.8);
  EXPECT_EQ(d.quad_count[0], 2u);
  EXPECT_EQ(d.root_count, dyads[0].root_count);
  EXPECT_EQ(d.first, dyads[0].first);
}

TEST(ReadGraphml, ReadsNetworkxMultigraphs) {
  auto read = read_graphml_file(kDir + "networkx_multidigraph.graphml");
  ASSERT_TRUE(read) << read.error().to_string();
  EXPECT_TRUE(read->errors.empty());
  const GraphData& g = read->graph;
  ASSERT_EQ(g.actors.size(), 3u);
  EXPECT_EQ(g.actors[0].id, "7");
  EXPECT_EQ(g.actors[0].name, "Seven");
  EXPECT_EQ(g.actors[1].id, "state/JPN");
  EXPECT_EQ(g.actors[1].name, "Japan");
  EXPECT_EQ(g.actors[1].kind, ActorKind::state);
  ASSERT_EQ(g.events.size(), 3u);  // parallel edges kept
  EXPECT_EQ(g.events[0].cameo, "");  // the weight-only edge has no date: sorts first
  EXPECT_EQ(g.events[1].cameo, "042");
  EXPECT_EQ(g.events[1].quad, 1);
  EXPECT_FALSE(g.events[1].domestic);
  EXPECT_EQ(g.events[2].cameo, "051");
  EXPECT_EQ(g.events[2].date->iso(), "2024-08-17");
}

TEST(ReadGraphml, ReadsIgraphFilesWithTheirIdAttribute) {
  auto read = read_graphml_file(kDir + "igraph_directed.graphml");
  ASSERT_TRUE(read) << read.error().to_string();
  EXPECT_TRUE(read->errors.empty());
  const GraphData& g = read->graph;
  ASSERT_EQ(g.actors.size(), 3u);
  EXPECT_EQ(g.actors[0].id, "igo/UNO");
  EXPECT_EQ(g.actors[0].name, "United Nations");
  EXPECT_EQ(g.actors[0].kind, ActorKind::igo);
  ASSERT_EQ(g.events.size(), 3u);
  std::vector<std::string> codes;
  for (const auto& e : g.events) codes.push_back(e.source.id + ">" + e.target.id + ":" + e.cameo);
  EXPECT_EQ(codes, (std::vector<std::string>{"state/CHN>igo/UNO:0874", "state/JPN>state/CHN:040",
                                             "state/JPN>state/CHN:1712"}));
  EXPECT_EQ(g.events[0].quad, 2);  // igraph writes numbers as double
  EXPECT_DOUBLE_EQ(g.events[2].goldstein, -9.5);
}

TEST(ReadGraphml, RefusesAnEntityBomb) {
  auto read = read_graphml_file(kDir + "entity_bomb.graphml");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().line, 3u);
  EXPECT_NE(read.error().message.find("entity declaration 'a' refused"), std::string::npos)
      << read.error().message;
  EXPECT_NE(read.error().file.find("entity_bomb.graphml"), std::string::npos);
}

TEST(ReadGraphml, RefusesExternalEntities) {
  auto read = read_graphml_file(kDir + "external_entity.graphml");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().line, 3u);
  EXPECT_NE(read.error().message.find("file:///etc/passwd"), std::string::npos);
  EXPECT_NE(read.error().message.find("refused"), std::string::npos);
  // An undeclared entity is malformed XML, not a file read.
  auto undeclared = read_graphml(
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph>&x;</graph></graphml>", "u");
  ASSERT_FALSE(undeclared);
  EXPECT_NE(undeclared.error().message.find("undefined entity"), std::string::npos);
  // And a DOCTYPE that points at an external DTD.
  auto dtd = read_graphml("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml SYSTEM \"http://example.org/x.dtd\">\n<graphml/>", "d");
  ASSERT_FALSE(dtd);
  EXPECT_NE(dtd.error().message.find("external DTD"), std::string::npos);
}

TEST(ReadGraphml, ReportsTruncationByLine) {
  auto read = read_graphml_file(kDir + "truncated.graphml");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().line, 8u);
  EXPECT_NE(read.error().message.find("truncated"), std::string::npos) << read.error().message;
  auto empty = read_graphml("", "empty.graphml");
  ASSERT_FALSE(empty);
  auto not_graphml = read_graphml("<gexf version=\"1.3\"/>", "x.gexf");
  ASSERT_FALSE(not_graphml);
  EXPECT_NE(not_graphml.error().message.find("<gexf>"), std::string::npos);
}

TEST(ReadGraphml, BadValuesAndDanglingEdgesAreReportedButLoad) {
  const std::string xml =
      "<?xml version=\"1.0\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "<key id=\"q\" for=\"edge\" attr.name=\"quad\" attr.type=\"int\"><default>2</default></key>\n"
      "<key id=\"c\" for=\"edge\" attr.name=\"cameo\" attr.type=\"string\"/>\n"
      "<graph edgedefault=\"undirected\">\n"
      "<node id=\"a\"/>\n"
      "<edge source=\"a\" target=\"b\"><data key=\"c\">040</data></edge>\n"
      "<edge source=\"a\" target=\"a\"><data key=\"q\">four</data><data key=\"zz\">1</data></edge>\n"
      "</graph></graphml>\n";
  auto read = read_graphml(xml, "v.graphml");
  ASSERT_TRUE(read) << read.error().to_string();
  EXPECT_FALSE(read->directed);
  ASSERT_EQ(read->errors.size(), 3u);
  EXPECT_EQ(read->errors[0].line, 7u);  // b is not a node
  EXPECT_EQ(read->errors[1].line, 8u);  // undeclared key zz
  EXPECT_EQ(read->errors[2].line, 8u);  // "four"
  ASSERT_EQ(read->graph.events.size(), 2u);
  ASSERT_EQ(read->graph.actors.size(), 2u);
  // The default applies where the data is missing.
  for (const auto& e : read->graph.events)
    if (e.cameo == "040") {
      EXPECT_EQ(e.quad, 2);
    }
}

}  // namespace
}  // namespace diplograph::io
