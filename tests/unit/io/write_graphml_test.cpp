// GraphML: every <data key> is declared with for= and attr.type=, CAMEO codes are strings,
// booleans lowercase, edge ids unique, parallel edges kept, hostile text escaped.
#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "diplograph/io/export.hpp"
#include "unit/io/write_fixture.hpp"

namespace diplograph {
namespace {

using test::count_of;

std::set<std::string> matches(const std::string& text, const std::string& pattern) {
  std::set<std::string> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it)
    out.insert((*it)[1].str());
  return out;
}

TEST(WriteGraphml, EveryDataKeyIsDeclaredWithForAndType) {
  const auto g = test::sample_graph();
  for (auto view : {io::EdgeView::events, io::EdgeView::dyads}) {
    const auto dyads = test::sample_dyads();
    const std::string xml = io::write_graphml({g, dyads, view});
    EXPECT_NE(xml.find("xmlns=\"http://graphml.graphdrawing.org/xmlns\""), std::string::npos);
    const auto declared =
        matches(xml, R"re(<key id="([^"]+)" for="(?:node|edge)" attr\.name="[^"]+" attr\.type="(?:string|int|double|boolean)"/>)re");
    const auto used = matches(xml, R"re(<data key="([^"]+)">)re");
    ASSERT_FALSE(used.empty());
    for (const auto& key : used) EXPECT_TRUE(declared.contains(key)) << key;
    EXPECT_EQ(count_of(xml, "<key "), declared.size());  // none malformed
  }
}

TEST(WriteGraphml, CodesAreStringsBooleansLowercaseEdgesUnique) {
  const auto g = test::sample_graph();
  const std::string xml = io::write_graphml({g});
  EXPECT_NE(xml.find(R"(attr.name="cameo" attr.type="string")"), std::string::npos);
  EXPECT_NE(xml.find(R"(<data key="e_cameo">042</data>)"), std::string::npos);
  EXPECT_NE(xml.find(R"(attr.name="domestic" attr.type="boolean")"), std::string::npos);
  EXPECT_NE(xml.find(">false</data>"), std::string::npos);
  EXPECT_EQ(xml.find(">False<"), std::string::npos);
  EXPECT_NE(xml.find(R"(attr.name="weight" attr.type="double")"), std::string::npos);
  EXPECT_NE(xml.find(R"(attr.name="label" attr.type="string")"), std::string::npos);
  const auto ids = matches(xml, R"re(<edge id="([^"]+)")re");
  EXPECT_EQ(ids.size(), g.events.size());
  EXPECT_EQ(count_of(xml, "<edge "), g.events.size());
  EXPECT_EQ(count_of(xml, "<node "), g.actors.size());
  // The two Japan -> Taiwan visits stay two edges.
  EXPECT_EQ(count_of(xml, R"(source="state/JPN" target="state/TWN")"), 2u);
}

TEST(WriteGraphml, HostileTextIsEscaped) {
  const auto g = test::sample_graph();
  const std::string xml = io::write_graphml({g});
  EXPECT_EQ(xml.find("<b>"), std::string::npos);
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  EXPECT_NE(xml.find("Evil &quot;Quote&quot; &lt;b&gt;bold&lt;/b&gt; &amp; co\\\nline2 "
                     "\xF0\x9F\x98\x80 \\</data>"),
            std::string::npos);
  EXPECT_NE(xml.find(R"(<node id="group/evil&quot;&lt;b&gt;&amp;\n">)"), std::string::npos);
}

TEST(WriteGraphml, DyadViewHasCountsAndWeights) {
  const auto g = test::sample_graph();
  const auto dyads = test::sample_dyads();
  const std::string xml = io::write_graphml({g, dyads, io::EdgeView::dyads});
  EXPECT_EQ(count_of(xml, "<edge "), dyads.size());
  EXPECT_NE(xml.find(R"(<data key="e_count">2</data>)"), std::string::npos);
  EXPECT_NE(xml.find(R"(<data key="e_weight">2</data>)"), std::string::npos);
  EXPECT_NE(xml.find(R"(<data key="e_roots">04:2</data>)"), std::string::npos);
}

TEST(WriteGraphml, ActorsMissingFromTheTableBecomeNodes) {
  auto g = test::sample_graph();
  g.actors.erase(g.actors.begin());  // drop the UN; an event still points at it
  const std::string xml = io::write_graphml({g});
  EXPECT_NE(xml.find(R"(<node id="igo/UNO">)"), std::string::npos);
  EXPECT_EQ(count_of(xml, "<node "), g.actors.size() + 1);
}

TEST(WriteGraphml, EdgeIdsAvoidActorIdsThatLookLikeThem) {
  auto g = test::sample_graph();
  g.actors.push_back(test::make_actor("e0", "Tricky", "", "", ActorKind::other));
  const std::string xml = io::write_graphml({g});
  EXPECT_EQ(xml.find(R"(<edge id="e0")"), std::string::npos);
  EXPECT_NE(xml.find(R"(<edge id="e_0")"), std::string::npos);
}

TEST(WriteGraphml, SameInputSameBytes) {
  const auto g = test::sample_graph();
  EXPECT_EQ(io::write_graphml({g}), io::write_graphml({g}));
}

// The edge writer fills room sized from its texts' lengths: texts made only of characters that
// grow most when escaped, dates outside four digits and many roots come out whole and escaped.
TEST(WriteGraphml, DyadTextsThatGrowMostWhenEscapedAndOddDates) {
  const auto g = test::sample_graph();
  auto dyads = test::sample_dyads();
  const std::string quotes(3000, '"');
  dyads[0].root_count.clear();
  for (int i = 0; i < 40; ++i) dyads[0].root_count.emplace_back(quotes.substr(0, 50) + "<&", 7);
  dyads[1].first = Date{7, 1, 2};
  dyads[1].last = Date{12345, 11, 30};
  dyads[2].root_count = {{quotes, 1}};
  const std::string xml = io::write_graphml({g, dyads, io::EdgeView::dyads});
  EXPECT_NE(xml.find("<data key=\"e_first\">0007-01-02</data>"), std::string::npos);
  EXPECT_NE(xml.find("<data key=\"e_last\">12345-11-30</data>"), std::string::npos);
  std::string quoted;
  for (int i = 0; i < 3000; ++i) quoted += "&quot;";
  EXPECT_NE(xml.find("<data key=\"e_roots\">" + quoted + ":1</data>"), std::string::npos);
  std::string one_root;
  for (int i = 0; i < 50; ++i) one_root += "&quot;";
  one_root += "&lt;&amp;:7";
  EXPECT_EQ(count_of(xml, one_root), 40u);
  EXPECT_EQ(count_of(xml, "<edge "), dyads.size());
  EXPECT_EQ(count_of(xml, "</edge>"), dyads.size());
  EXPECT_EQ(xml.find('\0'), std::string::npos);
}

}  // namespace
}  // namespace diplograph
