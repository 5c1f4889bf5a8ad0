// DOT through cgraph: the file Graphviz itself reads back has the same nodes, edges and labels,
// whatever the actor names hold; SVG/PNG/PDF rendered in-process.
#include <graphviz/cgraph.h>

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "diplograph/io/export.hpp"
#include "unit/io/write_fixture.hpp"

namespace diplograph {
namespace {

using test::count_of;

struct Closer {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using Graph = std::unique_ptr<Agraph_t, Closer>;

Graph parse(const std::string& dot) { return Graph{agmemread(dot.c_str())}; }

std::string attr(void* object, const char* name) {
  const char* v = agget(object, const_cast<char*>(name));
  return v ? v : "";
}

// The text Graphviz shows for an escString value: \\ -> \, \n -> line break.
std::string shown(const std::string& esc) {
  std::string out;
  for (std::size_t i = 0; i < esc.size(); ++i) {
    if (esc[i] == '\\' && i + 1 < esc.size()) {
      ++i;
      out += esc[i] == 'n' ? '\n' : esc[i];
    } else {
      out += esc[i];
    }
  }
  return out;
}

TEST(WriteDot, PlainDigraphThatGraphvizReadsBackWithEveryEdge) {
  const auto g = test::sample_graph();
  const std::string dot = io::write_dot({g});
  EXPECT_EQ(dot.rfind("digraph", 0), 0u) << dot.substr(0, 40);
  EXPECT_EQ(dot.find("strict"), std::string::npos);
  Graph back = parse(dot);
  ASSERT_TRUE(back) << dot;
  EXPECT_EQ(agnnodes(back.get()), static_cast<int>(g.actors.size()));
  EXPECT_EQ(agnedges(back.get()), static_cast<int>(g.events.size()));  // parallel edges kept
}

TEST(WriteDot, HostileNamesSurviveAsLabelsAndIds) {
  const auto g = test::sample_graph();
  Graph back = parse(io::write_dot({g}));
  ASSERT_TRUE(back);
  std::set<std::string> labels, ids;
  for (Agnode_t* n = agfstnode(back.get()); n; n = agnxtnode(back.get(), n)) {
    labels.insert(shown(attr(n, "label")));
    ids.insert(shown(attr(n, "actor_id")));
  }
  EXPECT_TRUE(labels.contains(test::kHostileName));
  EXPECT_TRUE(ids.contains(test::kHostileId));
  EXPECT_TRUE(labels.contains("Fumio Kishida"));
  // The hostile id cannot be a DOT name (a trailing backslash has no escape), so it got one.
  EXPECT_EQ(agnode(back.get(), const_cast<char*>("state/JPN"), 0) != nullptr, true);
}

// Every cluster subgraph in `g`, at any depth.
void collect_clusters(Agraph_t* g, std::vector<Agraph_t*>& out) {
  for (Agraph_t* sub = agfstsubg(g); sub; sub = agnxtsubg(sub)) {
    if (std::string(agnameof(sub)).rfind("cluster", 0) == 0) out.push_back(sub);
    collect_clusters(sub, out);
  }
}

// The label of the one cluster holding the node named `name`; "" when it is in none.
std::string cluster_of(const std::vector<Agraph_t*>& clusters, const char* name) {
  std::string found;
  int holders = 0;
  for (Agraph_t* c : clusters)
    if (agnode(c, const_cast<char*>(name), 0)) {
      found = shown(attr(c, "label"));
      ++holders;
    }
  EXPECT_LE(holders, 1) << name << " sits in " << holders << " clusters";
  return found;
}

TEST(WriteDot, ClustersByCountryWithMembersInsideTheirState) {
  const auto g = test::sample_graph();
  Graph back = parse(io::write_dot({g}));
  ASSERT_TRUE(back);
  std::vector<Agraph_t*> clusters;
  collect_clusters(back.get(), clusters);
  ASSERT_EQ(clusters.size(), 2u);  // Japan and Taiwan; the UN has no country
  EXPECT_EQ(cluster_of(clusters, "state/JPN"), "Japan");
  EXPECT_EQ(cluster_of(clusters, "person/fumio-kishida"), "Japan");
  EXPECT_EQ(cluster_of(clusters, "state/TWN"), "Taiwan");
  EXPECT_EQ(cluster_of(clusters, "person/lai-ching-te"), "Taiwan");
  // The hostile group is Taiwanese: it sits in Taiwan's cluster under the name it was given.
  Agnode_t* evil = nullptr;
  for (Agnode_t* n = agfstnode(back.get()); n; n = agnxtnode(back.get(), n))
    if (shown(attr(n, "actor_id")) == test::kHostileId) evil = n;
  ASSERT_TRUE(evil);
  EXPECT_EQ(cluster_of(clusters, agnameof(evil)), "Taiwan");
  EXPECT_EQ(cluster_of(clusters, "igo/UNO"), "");
}

TEST(WriteDot, ClustersNestInOnePlainSubgraphSoAgwriteStaysLinear) {
  // agwrite tests every edge against each subgraph of the root: the clusters sit one level
  // down, in a single plain (non-cluster) subgraph, which dot and fdp still draw as clusters.
  const auto g = test::sample_graph();
  Graph back = parse(io::write_dot({g}));
  ASSERT_TRUE(back);
  std::vector<std::string> top;
  for (Agraph_t* sub = agfstsubg(back.get()); sub; sub = agnxtsubg(sub))
    top.push_back(agnameof(sub));
  ASSERT_EQ(top.size(), 1u);
  EXPECT_NE(top[0].rfind("cluster", 0), 0u) << top[0];
}

TEST(WriteDot, EachEdgeWrittenOnceAtTheTopLevel) {
  const auto g = test::sample_graph();
  const auto dyads = test::sample_dyads();
  for (const auto& [view, edges] :
       {std::pair{io::EdgeView::events, g.events.size()}, std::pair{io::EdgeView::dyads, dyads.size()}}) {
    const std::string dot = io::write_dot({g, dyads, view});
    EXPECT_EQ(count_of(dot, " -> "), edges) << dot;
    Graph back = parse(dot);
    ASSERT_TRUE(back);
    EXPECT_EQ(agnedges(back.get()), static_cast<int>(edges));
    std::vector<Agraph_t*> clusters;
    collect_clusters(back.get(), clusters);
    for (Agraph_t* c : clusters) EXPECT_EQ(agnedges(c), 0) << agnameof(c);
  }
}

TEST(WriteDot, HostileStateNameSurvivesAsClusterLabel) {
  auto g = test::sample_graph();
  for (auto& a : g.actors)
    if (a.id == "state/TWN") a.name = test::kHostileName;
  Graph back = parse(io::write_dot({g}));
  ASSERT_TRUE(back);
  std::vector<Agraph_t*> clusters;
  collect_clusters(back.get(), clusters);
  EXPECT_EQ(cluster_of(clusters, "person/lai-ching-te"), test::kHostileName);
}

TEST(WriteDot, ShapeByKindColourByQuadAndCameoNamesAsLabels) {
  const auto g = test::sample_graph();
  io::DotOptions options;
  options.cameo_name = [](std::string_view code) -> std::optional<std::string> {
    if (code == "051") return "Praise or endorse";
    return std::nullopt;
  };
  Graph back = parse(io::write_dot({g}, options));
  ASSERT_TRUE(back);
  Agnode_t* japan = agnode(back.get(), const_cast<char*>("state/JPN"), 0);
  Agnode_t* kishida = agnode(back.get(), const_cast<char*>("person/fumio-kishida"), 0);
  ASSERT_TRUE(japan && kishida);
  EXPECT_NE(attr(japan, "shape"), attr(kishida, "shape"));
  std::set<std::string> colours, edge_labels;
  for (Agnode_t* n = agfstnode(back.get()); n; n = agnxtnode(back.get(), n))
    for (Agedge_t* e = agfstout(back.get(), n); e; e = agnxtout(back.get(), e)) {
      colours.insert(attr(e, "color"));
      edge_labels.insert(attr(e, "label"));
      if (attr(e, "cameo") == "190") {
        EXPECT_NE(shown(attr(e, "tooltip")).find("<script>alert(1)</script>"), std::string::npos);
      }
    }
  EXPECT_EQ(colours.size(), 3u);  // quads 1, 3 and 4
  EXPECT_TRUE(edge_labels.contains("Praise or endorse"));
  EXPECT_TRUE(edge_labels.contains("042"));  // no name known: the code
}

TEST(WriteDot, DyadViewWidthGrowsWithCount) {
  const auto g = test::sample_graph();
  const auto dyads = test::sample_dyads();
  Graph back = parse(io::write_dot({g, dyads, io::EdgeView::dyads}));
  ASSERT_TRUE(back);
  EXPECT_EQ(agnedges(back.get()), static_cast<int>(dyads.size()));
  Agnode_t* japan = agnode(back.get(), const_cast<char*>("state/JPN"), 0);
  Agnode_t* taiwan = agnode(back.get(), const_cast<char*>("state/TWN"), 0);
  Agedge_t* e = agedge(back.get(), japan, taiwan, nullptr, 0);
  ASSERT_TRUE(e);
  EXPECT_EQ(attr(e, "count"), "2");
  EXPECT_GT(std::stod(attr(e, "penwidth")), 1.0);
}

TEST(RenderGraph, SvgPngPdfInProcess) {
  const auto g = test::sample_graph();
  auto svg = io::render_graph({g}, io::RenderFormat::svg, io::Layout::dot);
  ASSERT_TRUE(svg) << svg.error().message;
  EXPECT_NE(svg->find("<svg"), std::string::npos);
  EXPECT_NE(svg->find("Fumio Kishida"), std::string::npos);
  EXPECT_EQ(svg->find("<b>bold"), std::string::npos);  // escaped, not markup
  EXPECT_NE(svg->find("&lt;b&gt;bold"), std::string::npos);
  // Graphviz draws the country clusters (Japan, Taiwan) with each engine that supports them.
  for (auto layout : {io::Layout::dot, io::Layout::neato, io::Layout::fdp}) {
    auto drawn = io::render_graph({g}, io::RenderFormat::svg, layout);
    ASSERT_TRUE(drawn) << drawn.error().message;
    EXPECT_EQ(count_of(*drawn, "class=\"cluster\""), 2u) << io::to_string(layout);
  }
  auto png = io::render_graph({g}, io::RenderFormat::png, io::Layout::neato);
  ASSERT_TRUE(png) << png.error().message;
  EXPECT_EQ(png->substr(1, 3), "PNG");
  auto pdf = io::render_graph({g}, io::RenderFormat::pdf, io::Layout::sfdp);
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(pdf->substr(0, 4), "%PDF");
}

TEST(RenderGraph, LayoutNamesAndAutomaticChoice) {
  for (auto name : {"dot", "neato", "fdp", "sfdp", "circo"}) {
    auto layout = io::layout_from_string(name);
    ASSERT_TRUE(layout) << name;
    EXPECT_EQ(io::to_string(*layout), name);
  }
  EXPECT_FALSE(io::layout_from_string("twopi-ish"));
  EXPECT_EQ(io::choose_layout(10, 20), io::Layout::fdp);
  EXPECT_EQ(io::choose_layout(300, 900), io::Layout::neato);
  EXPECT_EQ(io::choose_layout(18000, 600000), io::Layout::sfdp);
}

}  // namespace
}  // namespace diplograph
