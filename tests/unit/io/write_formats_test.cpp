// GEXF, Cytoscape.js JSON, CSV and the event TSV: structure, escaping and the dynamic dates.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "diplograph/io/export.hpp"
#include "unit/io/write_fixture.hpp"

namespace diplograph {
namespace {

using test::count_of;

TEST(WriteGexf, Version13DynamicWithDates) {
  const auto g = test::sample_graph();
  const std::string xml = io::write_gexf({g});
  EXPECT_NE(xml.find(R"(<gexf xmlns="http://gexf.net/1.3")"), std::string::npos);
  EXPECT_NE(xml.find(R"(version="1.3")"), std::string::npos);
  EXPECT_NE(xml.find(R"(mode="dynamic")"), std::string::npos);
  EXPECT_NE(xml.find(R"(timeformat="date")"), std::string::npos);
  EXPECT_EQ(count_of(xml, "<edge "), g.events.size());
  EXPECT_NE(xml.find(R"(start="2024-08-17" end="2024-08-17")"), std::string::npos);
  // Kishida first appears on the 16th.
  EXPECT_NE(xml.find(R"(<node id="person/fumio-kishida" label="Fumio Kishida" start="2024-08-16">)"),
            std::string::npos);
  EXPECT_NE(xml.find(R"(<attvalue for="cameo" value="042"/>)"), std::string::npos);
}

TEST(WriteGexf, NewlinesInAttributesAreCharacterReferences) {
  const auto g = test::sample_graph();
  const std::string xml = io::write_gexf({g});
  EXPECT_NE(xml.find("label=\"Evil &quot;Quote&quot; &lt;b&gt;bold&lt;/b&gt; &amp; co\\&#10;line2"),
            std::string::npos);
  EXPECT_EQ(xml.find("<b>"), std::string::npos);
}

TEST(WriteGexf, DyadEdgesSpanFirstToLast) {
  const auto g = test::sample_graph();
  const auto dyads = test::sample_dyads();
  const std::string xml = io::write_gexf({g, dyads, io::EdgeView::dyads});
  EXPECT_EQ(count_of(xml, "<edge "), dyads.size());
  EXPECT_NE(xml.find(R"(weight="2" start="2024-08-17" end="2024-08-18")"), std::string::npos);
}

TEST(WriteCytoscape, NodesFirstAndIdsUniqueAcrossBoth) {
  auto g = test::sample_graph();
  g.actors.push_back(test::make_actor("e1", "Tricky", "", "", ActorKind::other));
  const std::string json = io::write_cytoscape({g});
  const auto nodes = json.find("\"nodes\":[");
  const auto edges = json.find("\"edges\":[");
  ASSERT_NE(nodes, std::string::npos);
  ASSERT_NE(edges, std::string::npos);
  EXPECT_LT(nodes, edges);
  EXPECT_EQ(json.find("{\"data\":{\"id\":\"e1\",\"source\""), std::string::npos);
  EXPECT_NE(json.find("{\"data\":{\"id\":\"e_1\",\"source\""), std::string::npos);
  EXPECT_NE(json.find(R"("label":"Evil \"Quote\" <b>bold</b> & co\\\nline2 )"),
            std::string::npos);
  EXPECT_NE(json.find(R"("cameo":"042")"), std::string::npos);
}

TEST(WriteCsv, HeadersAndQuoting) {
  const auto g = test::sample_graph();
  const auto csv = io::write_csv({g});
  EXPECT_EQ(csv.nodes.rfind("id,label,code,country,kind,title,aliases,state\n", 0), 0u);
  EXPECT_EQ(csv.edges.rfind("id,source,target,label,cameo,root,quad,goldstein,date,", 0), 0u);
  EXPECT_NE(csv.nodes.find("\"Evil \"\"Quote\"\" <b>bold</b> & co\\\nline2 "), std::string::npos);
  EXPECT_NE(csv.nodes.find("person/fumio-kishida,Fumio Kishida,JPNGOV,JPN,person,Prime Minister,"
                           "Kishida,state/JPN\n"),
            std::string::npos);
  EXPECT_NE(csv.edges.find(",state/JPN,state/TWN,042,042,04,1,1.9,2024-08-17,1,false,doc-1,0,"),
            std::string::npos);
}

TEST(WriteEventsTsv, OneLinePerEventWithGdeltColumns) {
  const auto g = test::sample_graph();
  const std::string tsv = io::write_events_tsv(g);
  EXPECT_EQ(count_of(tsv, "\n"), g.events.size() + 1);
  EXPECT_EQ(tsv.rfind("GLOBALEVENTID\tSQLDATE\tActor1Code\tActor1Name\t", 0), 0u);
  EXPECT_NE(tsv.find("\n2\t20240817\tJPN\tJapan\tTWN\tTaiwan\t1\t042\t042\t04\t1\t1.9\t2\t"),
            std::string::npos);
}

TEST(ExportGraph, FormatNamesAndCsvFileNames) {
  for (auto name : {"dot", "svg", "png", "pdf", "graphml", "gexf", "json", "cytoscape", "csv",
                    "events"}) {
    auto f = io::format_from_string(name);
    ASSERT_TRUE(f) << name;
    EXPECT_EQ(io::to_string(*f), name);
  }
  EXPECT_FALSE(io::format_from_string("xlsx"));
  const auto g = test::sample_graph();
  auto files = io::export_graph({g}, io::Format::csv);
  ASSERT_TRUE(files);
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].name, "nodes.csv");
  EXPECT_EQ((*files)[1].name, "edges.csv");
}

}  // namespace
}  // namespace diplograph

namespace diplograph {
namespace {

// export_to_path streams in chunks: the files must equal the in-memory writers' output byte for
// byte, also past the 1 MiB chunk size, and no temporary file may remain.
TEST(ExportToPath, StreamedFilesEqualTheStringWriters) {
  auto g = test::sample_graph();
  const auto base = g.events;
  for (int i = 0; i < 4000; ++i)
    for (const auto& e : base) g.events.push_back(e);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("diplograph-export-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto slurp = [](const std::filesystem::path& p) {
    std::string text(std::filesystem::file_size(p), '\0');
    std::FILE* f = std::fopen(p.c_str(), "rb");
    if (!f) return std::string("(cannot open)");
    text.resize(std::fread(text.data(), 1, text.size(), f));
    std::fclose(f);
    return text;
  };
  const io::ExportGraph input{g};
  struct Case {
    io::Format format;
    std::string expected;
  };
  const Case cases[] = {
      {io::Format::graphml, io::write_graphml(input)},
      {io::Format::gexf, io::write_gexf(input)},
      {io::Format::cytoscape, io::write_cytoscape(input)},
      {io::Format::events, io::write_events_tsv(g)},
      {io::Format::dot, io::write_dot(input)},
  };
  for (const auto& c : cases) {
    const auto path = dir / ("out." + std::string(io::to_string(c.format)));
    ASSERT_TRUE(io::export_to_path(input, c.format, path.string()));
    EXPECT_GT(c.expected.size(), std::size_t{1} << 20) << io::to_string(c.format);
    EXPECT_EQ(slurp(path), c.expected) << io::to_string(c.format);
  }
  ASSERT_TRUE(io::export_to_path(input, io::Format::csv, (dir / "csv").string()));
  const auto csv = io::write_csv(input);
  EXPECT_EQ(slurp(dir / "csv" / "nodes.csv"), csv.nodes);
  EXPECT_EQ(slurp(dir / "csv" / "edges.csv"), csv.edges);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
  // A target in a missing directory is an error naming it, not a crash.
  auto bad = io::export_to_path(input, io::Format::graphml, (dir / "no" / "such" / "x").string());
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().file.find("no/such"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace diplograph
