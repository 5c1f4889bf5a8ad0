// `validate`'s verdicts: diplograph's own exports (written here by the exporters) are valid in
// every format; hand-made bad files get each problem reported at its line; the CLI exits 0 or 1.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "diplograph/io/export.hpp"
#include "diplograph/io/graph_json.hpp"
#include "diplograph/io/validate.hpp"

namespace diplograph::io {
namespace {

const std::string kDir = std::string(DIPLOGRAPH_TEST_DATA_DIR) + "/io/readers/";

GraphData small_graph() {
  GraphData g;
  auto actor = [](std::string id, std::string name, std::string code, ActorKind kind) {
    Actor a;
    a.id = std::move(id);
    a.name = std::move(name);
    a.code = code;
    a.country = code.substr(0, 3);
    a.kind = kind;
    return a;
  };
  g.actors = {actor("person/fumio-kishida", "Fumio \"K\" <b>&</b>\n\\", "JPNGOV", ActorKind::person),
              actor("state/JPN", "Japan", "JPN", ActorKind::state),
              actor("state/TWN", "Taiwan", "TWN", ActorKind::state)};
  auto event = [](const Actor& s, const Actor& t, std::string cameo, std::string date) {
    Event e;
    e.source = {s.id, s.name, s.code};
    e.target = {t.id, t.name, t.code};
    e.cameo = cameo;
    e.root = cameo.substr(0, 2);
    e.quad = 1;
    e.goldstein = 1.9;
    e.date = Date::parse(date);
    e.provenance.push_back(Provenance{"d1", 2, {3, 9}, "Kishida & \"Lai\" met."});
    return e;
  };
  g.events = {event(g.actors[0], g.actors[2], "042", "2024-08-15"),
              event(g.actors[2], g.actors[1], "051", "2024-08-16"),
              event(g.actors[2], g.actors[1], "051", "2024-08-16")};
  g.affiliations = {{"person/fumio-kishida", "state/JPN"}};
  return g;
}

std::set<std::size_t> lines_of(const Validation& v) {
  std::set<std::size_t> lines;
  for (const auto& p : v.problems) lines.insert(p.line);
  return lines;
}

std::string all_messages(const Validation& v) {
  std::string s;
  for (const auto& p : v.problems) s += p.to_string() + "\n";
  return s;
}

TEST(Validate, DiplographsOwnExportsAreValid) {
  const GraphData g = small_graph();
  std::vector<Dyad> dyads(1);
  dyads[0].source = "state/TWN";
  dyads[0].target = "state/JPN";
  dyads[0].count = 2;
  const std::pair<GraphFileFormat, std::string> files[] = {
      {GraphFileFormat::graphml, write_graphml(ExportGraph{g})},
      {GraphFileFormat::graphml, write_graphml(ExportGraph{g, dyads, EdgeView::dyads})},
      {GraphFileFormat::gexf, write_gexf(ExportGraph{g})},
      {GraphFileFormat::json, graph_json(g)},
      {GraphFileFormat::json, graph_json(g, GraphJsonOptions{LinkKey::edges})},
      {GraphFileFormat::json, write_cytoscape(ExportGraph{g})},
      {GraphFileFormat::dot, write_dot(ExportGraph{g})},
  };
  for (const auto& [format, text] : files) {
    SCOPED_TRACE(std::string(to_string(format)));
    const Validation v = validate_graph_text(text, "own", format);
    EXPECT_TRUE(v.ok()) << all_messages(v);
    EXPECT_EQ(v.nodes, 3u);
  }
}

TEST(Validate, GraphmlProblemsByLine) {
  auto v = validate_graph_file(kDir + "validate/bad.graphml");
  ASSERT_TRUE(v) << v.error().to_string();
  EXPECT_EQ(v->format, GraphFileFormat::graphml);
  EXPECT_FALSE(v->ok());
  EXPECT_EQ(lines_of(*v), (std::set<std::size_t>{2, 4, 6, 9, 10, 11, 12})) << all_messages(*v);
  const std::string m = all_messages(*v);
  EXPECT_NE(m.find("bad.graphml:2: <graphml> has no namespace"), std::string::npos) << m;
  EXPECT_NE(m.find("CAMEO code declared as int"), std::string::npos);
  EXPECT_NE(m.find("has no for="), std::string::npos);
  EXPECT_NE(m.find("has no attr.type"), std::string::npos);
  EXPECT_NE(m.find("node id \"state/JPN\" is used twice"), std::string::npos);
  EXPECT_NE(m.find("edge target \"state/TWN\" is not a node"), std::string::npos);
  EXPECT_NE(m.find("'042' loses its leading zero"), std::string::npos);
  EXPECT_NE(m.find("edge id \"e0\" is used twice"), std::string::npos);
  EXPECT_NE(m.find("'True' is not a GraphML boolean"), std::string::npos);
  EXPECT_NE(m.find("<data key=\"e_weight\"> has no <key>"), std::string::npos);
}

TEST(Validate, NetworkxGraphmlIsFlaggedWhereGephiWouldStumble) {
  // networkx 2.8 writes multigraph edge keys as ids (repeated across node pairs) and booleans
  // as "False"; igraph's file is clean.
  auto nx = validate_graph_file(kDir + "networkx_multidigraph.graphml");
  ASSERT_TRUE(nx);
  const std::string m = all_messages(*nx);
  EXPECT_NE(m.find("edge id \"0\" is used twice"), std::string::npos) << m;
  EXPECT_NE(m.find("'False' is not a GraphML boolean"), std::string::npos) << m;
  auto ig = validate_graph_file(kDir + "igraph_directed.graphml");
  ASSERT_TRUE(ig);
  EXPECT_TRUE(ig->ok()) << all_messages(*ig);
  EXPECT_EQ(ig->edges, 3u);
}

TEST(Validate, HostileXmlIsAProblemNotACrash) {
  auto bomb = validate_graph_file(kDir + "entity_bomb.graphml");
  ASSERT_TRUE(bomb);
  ASSERT_EQ(bomb->problems.size(), 1u);
  EXPECT_EQ(bomb->problems[0].line, 3u);
  EXPECT_NE(bomb->problems[0].message.find("refused"), std::string::npos);
  auto truncated = validate_graph_file(kDir + "truncated.graphml");
  ASSERT_TRUE(truncated);
  ASSERT_EQ(truncated->problems.size(), 1u);
  EXPECT_EQ(truncated->problems[0].line, 8u);
  EXPECT_NE(truncated->problems[0].message.find("truncated"), std::string::npos);
}

TEST(Validate, GexfProblemsByLine) {
  auto v = validate_graph_file(kDir + "validate/bad.gexf");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->format, GraphFileFormat::gexf);
  EXPECT_EQ(lines_of(*v), (std::set<std::size_t>{2, 5, 9, 12})) << all_messages(*v);
  const std::string m = all_messages(*v);
  EXPECT_NE(m.find("want \"http://gexf.net/1.3\""), std::string::npos) << m;
  EXPECT_NE(m.find("version is \"1.2\""), std::string::npos);
  EXPECT_NE(m.find("CAMEO code declared as integer"), std::string::npos);
  EXPECT_NE(m.find("node id \"state/JPN\" is used twice"), std::string::npos);
  EXPECT_NE(m.find("start=\"2024-13-40\""), std::string::npos);
  EXPECT_NE(m.find("edge target \"state/TWN\" is not a node"), std::string::npos);
  EXPECT_NE(m.find("<attvalue for=\"9\"> names no declared edge attribute"), std::string::npos);
}

TEST(Validate, NodeLinkJsonProblemsByLine) {
  auto v = validate_graph_file(kDir + "validate/bad.json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->format, GraphFileFormat::json);
  EXPECT_EQ(lines_of(*v), (std::set<std::size_t>{1, 4, 5, 6, 7})) << all_messages(*v);
  const std::string m = all_messages(*v);
  EXPECT_NE(m.find("no \"directed\""), std::string::npos) << m;
  EXPECT_NE(m.find("node id \"state/JPN\" is used twice"), std::string::npos);
  EXPECT_NE(m.find("cameo 42 is a number"), std::string::npos);
  EXPECT_NE(m.find("link target \"state/CHN\" is not a node id"), std::string::npos);
  EXPECT_NE(m.find("is there twice"), std::string::npos);

  auto truncated = validate_graph_file(kDir + "validate/truncated.json");
  ASSERT_TRUE(truncated);
  ASSERT_EQ(truncated->problems.size(), 1u);
  EXPECT_EQ(truncated->problems[0].line, 3u);
  EXPECT_NE(truncated->problems[0].message.find("malformed JSON"), std::string::npos);
}

TEST(Validate, CytoscapeJsonIdsAreUniqueAcrossNodesAndEdges) {
  auto v = validate_graph_file(kDir + "validate/bad_cytoscape.json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->nodes, 2u);
  EXPECT_EQ(v->edges, 2u);
  EXPECT_EQ(lines_of(*v), (std::set<std::size_t>{4, 5})) << all_messages(*v);
  const std::string m = all_messages(*v);
  EXPECT_NE(m.find("id \"e0\" is used twice"), std::string::npos) << m;
  EXPECT_NE(m.find("edge target \"state/TWN\" is not a node"), std::string::npos);
}

TEST(Validate, DotIsParsedByGraphviz) {
  auto bad = validate_graph_file(kDir + "validate/bad.dot");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->format, GraphFileFormat::dot);
  ASSERT_EQ(bad->problems.size(), 1u);
  EXPECT_EQ(bad->problems[0].line, 3u) << bad->problems[0].message;
  EXPECT_NE(bad->problems[0].message.find("syntax error"), std::string::npos);
  const Validation good = validate_graph_text("digraph G {\n a -> b;\n b -> c;\n}\n", "g.dot",
                                              GraphFileFormat::dot);
  EXPECT_TRUE(good.ok()) << all_messages(good);
  EXPECT_EQ(good.nodes, 3u);
  EXPECT_EQ(good.edges, 2u);
  // Line numbers restart for each file.
  auto again = validate_graph_file(kDir + "validate/bad.dot");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->problems.at(0).line, 3u);
}

TEST(Validate, HostileStructureIsReportedNotFatal) {
  // 200,000 nested arrays: an iterative parser, so no stack overflow; truncated, so a problem.
  const std::string deep(200000, '[');
  const Validation json = validate_graph_text(deep, "deep.json", GraphFileFormat::json);
  ASSERT_EQ(json.problems.size(), 1u);
  EXPECT_NE(json.problems[0].message.find("malformed JSON"), std::string::npos);
  // <key> inside <key>, many times over: well-formed XML, nonsense GraphML.
  std::string keys = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">";
  for (int i = 0; i < 2000; ++i) keys += "<key id=\"k" + std::to_string(i) + "\"><default>x</default>";
  for (int i = 0; i < 2000; ++i) keys += "</key>";
  keys += "<graph edgedefault=\"directed\"/></graphml>";
  const Validation nested = validate_graph_text(keys, "keys.graphml", GraphFileFormat::graphml);
  EXPECT_FALSE(nested.ok());  // keys without for= and attr.type
  // Deeply nested elements in XML.
  std::string xml = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph edgedefault=\"directed\">";
  for (int i = 0; i < 100000; ++i) xml += "<node id=\"n" + std::to_string(i) + "\">";
  const Validation deep_xml = validate_graph_text(xml, "deep.graphml", GraphFileFormat::graphml);
  ASSERT_EQ(deep_xml.problems.size(), 1u);
  EXPECT_NE(deep_xml.problems[0].message.find("truncated"), std::string::npos);
}

TEST(Validate, DetectsFormatsAndRefusesUnknownOnes) {
  EXPECT_EQ(detect_graph_file("x.GraphML", ""), GraphFileFormat::graphml);
  EXPECT_EQ(detect_graph_file("x.gv", ""), GraphFileFormat::dot);
  EXPECT_EQ(detect_graph_file("x", "<?xml version=\"1.0\"?>\n<gexf version=\"1.3\">"), GraphFileFormat::gexf);
  EXPECT_EQ(detect_graph_file("x", "  {\"nodes\": []}"), GraphFileFormat::json);
  EXPECT_EQ(detect_graph_file("x", "strict digraph {}"), GraphFileFormat::dot);
  EXPECT_EQ(detect_graph_file("x.txt", "hello"), std::nullopt);
  EXPECT_FALSE(validate_graph_file(kDir + "validate/no-such.graphml"));
  EXPECT_FALSE(validate_graph_file(kDir + "validate"));
}

int run_cli(const std::string& args, std::string& err) {
  const std::string errfile = testing::TempDir() + "validate_cli_err.txt";
  const std::string cmd = std::string(DIPLOGRAPH_CLI) + " validate " + args + " >/dev/null 2>" + errfile;
  const int status = std::system(cmd.c_str());
  std::ifstream in(errfile);
  std::ostringstream text;
  text << in.rdbuf();
  err = text.str();
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ValidateCli, ExitCodesAndMessages) {
  std::string err;
  EXPECT_EQ(run_cli(kDir + "igraph_directed.graphml", err), 0) << err;
  EXPECT_TRUE(err.empty()) << err;
  EXPECT_EQ(run_cli(kDir + "validate/bad.dot " + kDir + "igraph_directed.graphml", err), 1);
  EXPECT_NE(err.find("diplograph: " + kDir + "validate/bad.dot:3: DOT: syntax error"), std::string::npos) << err;
  EXPECT_EQ(run_cli("--format json " + kDir + "validate/bad.graphml", err), 1);
  EXPECT_NE(err.find("malformed JSON"), std::string::npos) << err;
  EXPECT_EQ(run_cli(kDir + "validate/missing.json", err), 1);
  EXPECT_EQ(run_cli("--format nonsense x", err), 2);
}

}  // namespace
}  // namespace diplograph::io
