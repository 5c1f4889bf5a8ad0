// De-duplication, incremental merging, filters, actor naming and the node-link file.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include "diplograph/graph/knowledge_graph.hpp"
#include "diplograph/graph/queries.hpp"
#include "diplograph/io/graph_json.hpp"
#include "diplograph/io/records.hpp"

namespace diplograph::graph {
namespace {

Event make_event(std::string s, std::string t, std::string cameo, std::string date,
                 std::string doc, std::size_t sentence, double goldstein = 1.0, int quad = 1) {
  Event e;
  auto code = [](const std::string& id) { return id.starts_with("state/") ? id.substr(6) : ""; };
  e.source = ActorRef{s, s.substr(s.find('/') + 1), code(s)};
  e.target = ActorRef{t, t.substr(t.find('/') + 1), code(t)};
  e.cameo = cameo;
  e.root = cameo.substr(0, 2);
  e.quad = quad;
  e.goldstein = goldstein;
  e.date = Date::parse(date);
  e.provenance.push_back(Provenance{doc, sentence, Span{sentence * 10, sentence * 10 + 5},
                                    "evidence in " + doc});
  return e;
}

std::string text_of(const KnowledgeGraph& g) { return io::graph_json(g.to_data()); }

TEST(Dedup, SameEventFromSeveralStoriesIsOneEventWithAllEvidence) {
  KnowledgeGraph g;
  g.add_event(make_event("state/JPN", "state/TWN", "051", "2024-08-16", "story-b", 3));
  g.add_event(make_event("state/JPN", "state/TWN", "051", "2024-08-16", "story-a", 1));
  g.add_event(make_event("state/JPN", "state/TWN", "051", "2024-08-16", "story-a", 1));  // again
  g.add_event(make_event("state/JPN", "state/TWN", "051", "2024-08-17", "story-c", 0));  // other day
  g.add_event(make_event("state/JPN", "state/TWN", "042", "2024-08-16", "story-c", 2));  // other code
  g.add_event(make_event("state/TWN", "state/JPN", "051", "2024-08-16", "story-c", 4));  // reversed
  ASSERT_EQ(g.event_count(), 4u);
  const GraphData d = g.to_data();
  const auto it = std::find_if(d.events.begin(), d.events.end(), [](const Event& e) {
    return e.cameo == "051" && e.source.id == "state/JPN" && e.date->day == 16;
  });
  ASSERT_NE(it, d.events.end());
  ASSERT_EQ(it->provenance.size(), 2u) << "both stories kept, the repeated one once";
  EXPECT_EQ(it->provenance[0].doc, "story-a") << "earliest evidence first";
  EXPECT_EQ(it->provenance[1].doc, "story-b");
}

TEST(Dedup, NoneKeepsEveryRow) {
  KnowledgeGraph g(Dedup::none);
  g.add_event(make_event("USA", "CHN", "040", "2024-01-01", "", 0));
  g.add_event(make_event("USA", "CHN", "040", "2024-01-01", "", 0));
  EXPECT_EQ(g.event_count(), 2u);
}

TEST(Dedup, DocumentGivenTwiceIsCodedOnce) {
  KnowledgeGraph g;
  EXPECT_TRUE(g.add_document({"news-1", text_hash("Japan thanked Taiwan.")}));
  EXPECT_FALSE(g.add_document({"news-1", text_hash("other text")})) << "same id";
  EXPECT_FALSE(g.add_document({"copy-of-news-1", text_hash("Japan thanked Taiwan.")}))
      << "same text";
  EXPECT_TRUE(g.add_document({"news-2", text_hash("Taiwan thanked Japan.")}));
  EXPECT_EQ(g.documents().size(), 2u);
  // Remembered through the graph file, so `build --into` skips it too.
  auto back = io::parse_graph_json(text_of(g), "g.json");
  ASSERT_TRUE(back.has_value());
  const KnowledgeGraph h = KnowledgeGraph::from_data(*back);
  EXPECT_TRUE(h.has_document({"news-9", text_hash("Taiwan thanked Japan.")}));
  EXPECT_FALSE(h.has_document({"news-9", text_hash("new")}));
}

TEST(Dedup, MergedValuesDoNotDependOnOrder) {
  Event a = make_event("state/A", "state/B", "051", "2024-01-01", "d2", 0, 3.4, 1);
  Event b = make_event("state/A", "state/B", "051", "2024-01-01", "d1", 0, 2.0, 2);
  b.confidence = 0.5;
  a.confidence = 0.9;
  KnowledgeGraph x, y;
  x.add_event(a);
  x.add_event(b);
  y.add_event(b);
  y.add_event(a);
  EXPECT_EQ(text_of(x), text_of(y));
  const Event e = x.event(0);
  EXPECT_DOUBLE_EQ(e.goldstein, 2.0) << "values of the report whose evidence sorts first";
  EXPECT_DOUBLE_EQ(e.confidence, 0.9) << "the highest confidence";
}

std::vector<Event> random_events(std::mt19937& rng, std::size_t n) {
  const char* actors[] = {"state/JPN", "state/TWN", "state/USA", "person/lai-ching-te",
                          "person/fumio-kishida", "igo/UNO"};
  const char* codes[] = {"051", "042", "036", "112", "190"};
  std::vector<Event> out;
  for (std::size_t i = 0; i < n; ++i) {
    const auto s = rng() % 6;
    auto t = rng() % 6;
    if (t == s) t = (t + 1) % 6;
    out.push_back(make_event(actors[s], actors[t], codes[rng() % 5],
                             "2024-08-1" + std::to_string(rng() % 4), "doc" + std::to_string(rng() % 7),
                             rng() % 4, static_cast<double>(rng() % 10) - 5.0, 1 + static_cast<int>(rng() % 4)));
  }
  return out;
}

TEST(Incremental, MergingInPiecesEqualsBuildingAtOnce) {
  std::mt19937 rng(42);
  for (int round = 0; round < 30; ++round) {
    const auto events = random_events(rng, 60);
    GraphData all;
    all.events = events;
    all.actors.push_back(Actor{"person/lai-ching-te", "Lai Ching-te", "TWNGOV", "TWN",
                               ActorKind::person, "President", {"Lai"}});
    all.documents = {{"doc1", "aa"}, {"doc2", "bb"}};
    KnowledgeGraph batch = KnowledgeGraph::from_data(all);
    batch.derive_affiliations();

    // Pieces in a shuffled order, each written to a graph file and read back before merging.
    auto shuffled = events;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    const std::size_t cut = rng() % shuffled.size();
    GraphData first, second;
    first.events.assign(shuffled.begin(), shuffled.begin() + static_cast<std::ptrdiff_t>(cut));
    second.events.assign(shuffled.begin() + static_cast<std::ptrdiff_t>(cut), shuffled.end());
    second.actors = all.actors;
    first.documents = {{"doc2", "bb"}};
    second.documents = {{"doc1", "aa"}};
    KnowledgeGraph step = KnowledgeGraph::from_data(second);
    step.derive_affiliations();
    auto file = io::parse_graph_json(text_of(step), "step.json");
    ASSERT_TRUE(file.has_value()) << file.error().to_string();
    KnowledgeGraph merged = KnowledgeGraph::from_data(*file);
    merged.merge(first);
    merged.derive_affiliations();
    ASSERT_EQ(text_of(merged), text_of(batch)) << "round " << round;
  }
}

TEST(Affiliation, DerivedFromCountries) {
  GraphData d;
  d.actors = {Actor{"state/JPN", "Japan", "JPN", "JPN", ActorKind::state, "", {}},
              Actor{"person/fumio-kishida", "Fumio Kishida", "JPNGOV", "JPN", ActorKind::person, "Prime Minister", {}},
              Actor{"igo/UNO", "United Nations", "IGOUNO", "", ActorKind::igo, "", {}},
              Actor{"person/nobody", "Nobody", "FRAGOV", "FRA", ActorKind::person, "", {}}};
  KnowledgeGraph g = KnowledgeGraph::from_data(d);
  g.derive_affiliations();
  const GraphData out = g.to_data();
  ASSERT_EQ(out.affiliations.size(), 1u) << "no state actor for FRA, none for the IGO";
  EXPECT_EQ(out.affiliations[0].member, "person/fumio-kishida");
  EXPECT_EQ(out.affiliations[0].state, "state/JPN");
  // Queries may follow the affiliation or not.
  DyadGraph skip(g, Affiliations::skip);
  DyadGraph follow(g, Affiliations::follow);
  EXPECT_EQ(skip.edge_count(), 0u);
  EXPECT_EQ(follow.edge_count(), 1u);
}

TEST(Filter, KeepsWhatItSays) {
  KnowledgeGraph g;
  g.add_event(make_event("state/JPN", "state/TWN", "051", "2024-08-16", "a", 0, 3.4, 1));
  g.add_event(make_event("state/JPN", "state/TWN", "042", "2024-08-10", "a", 1, 1.9, 1));
  g.add_event(make_event("state/CHN", "state/TWN", "190", "2024-08-20", "b", 0, -10, 4));
  g.add_event(make_event("person/x", "state/JPN", "036", "2024-07-01", "c", 0, 4, 1));
  GraphFilter f;
  ASSERT_TRUE(f.set("since", "2024-08-11"));
  EXPECT_EQ(g.filtered(f).event_count(), 2u);
  ASSERT_TRUE(f.set("quad", "4"));
  auto q = g.filtered(f);
  EXPECT_EQ(q.event_count(), 1u);
  EXPECT_EQ(q.actor_count(), 2u) << "actors without a kept event are dropped";
  GraphFilter roots;
  ASSERT_TRUE(roots.set("root", "04,5"));
  EXPECT_EQ(g.filtered(roots).event_count(), 2u);
  GraphFilter kind;
  ASSERT_TRUE(kind.set("kind", "state"));
  EXPECT_EQ(kind.set("kind", "planet").error().find("--kind"), 0u);
  EXPECT_EQ(g.filtered(kind).event_count(), 3u);
  GraphFilter min;
  ASSERT_TRUE(min.set("min-count", "2"));
  EXPECT_EQ(g.filtered(min).event_count(), 2u);
  GraphFilter country;
  ASSERT_TRUE(country.set("country", "jpn,twn"));
  EXPECT_EQ(g.filtered(country).event_count(), 2u);
  EXPECT_FALSE(GraphFilter{}.set("since", "yesterday").has_value());
  EXPECT_FALSE(GraphFilter{}.set("quad", "5").has_value());
}

TEST(Naming, ByIdNameAliasCodeWithSuggestions) {
  GraphData d;
  d.actors = {Actor{"state/USA", "United States", "USA", "USA", ActorKind::state, "", {"US", "America"}},
              Actor{"state/JPN", "Japan", "JPN", "JPN", ActorKind::state, "", {}},
              Actor{"person/fumio-kishida", "Fumio Kishida", "JPNGOV", "JPN", ActorKind::person, "", {}},
              Actor{"government/JPN", "Japanese government", "JPNGOV", "JPN", ActorKind::government, "", {}}};
  KnowledgeGraph g = KnowledgeGraph::from_data(d);
  auto id_of = [&](std::string_view q) -> std::string {
    auto r = resolve_actor(g, q);
    return r ? g.actor(*r).id : "";
  };
  EXPECT_EQ(id_of("united states"), "state/USA");
  EXPECT_EQ(id_of("STATE/usa"), "state/USA");
  EXPECT_EQ(id_of("america"), "state/USA");
  EXPECT_EQ(id_of("jpn"), "state/JPN");
  EXPECT_EQ(id_of("Kishida"), "person/fumio-kishida") << "part of one name";
  auto several = resolve_actor(g, "JPNGOV");
  ASSERT_FALSE(several.has_value());
  EXPECT_EQ(several.error().kind, ResolveError::Kind::ambiguous);
  EXPECT_EQ(several.error().candidates.size(), 2u);
  auto typo = resolve_actor(g, "Japn");
  ASSERT_FALSE(typo.has_value());
  EXPECT_EQ(typo.error().kind, ResolveError::Kind::not_found);
  ASSERT_FALSE(typo.error().candidates.empty());
  EXPECT_EQ(g.actor(typo.error().candidates[0]).id, "state/JPN");
  EXPECT_NE(typo.error().message(g).find("did you mean"), std::string::npos);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(GraphJson, RoundTripIsExact) {
  std::mt19937 rng(3);
  GraphData all;
  all.events = random_events(rng, 80);
  all.events[0].provenance[0].evidence = "quote \" backslash \\ newline \n tab \t unicode \xe5\x8f\xb0";
  all.events[1].date.reset();
  all.events[2].goldstein = 0.1 + 0.2;  // not representable in short decimal
  all.actors.push_back(Actor{"person/lai-ching-te", "Lai Ching-te", "TWNGOV", "TWN",
                             ActorKind::person, "President", {"Lai", "William Lai"}});
  all.documents = {{"d", "0123456789abcdef"}};
  KnowledgeGraph g = KnowledgeGraph::from_data(all);
  g.derive_affiliations();
  const GraphData data = g.to_data();
  const std::string text = io::graph_json(data);
  auto back = io::parse_graph_json(text, "x.json");
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  ASSERT_EQ(back->events.size(), data.events.size());
  for (std::size_t i = 0; i < data.events.size(); ++i) {
    const Event& a = data.events[i];
    const Event& b = back->events[i];
    EXPECT_EQ(a.source, b.source);
    EXPECT_EQ(a.target, b.target);
    EXPECT_EQ(a.cameo, b.cameo);
    EXPECT_EQ(a.goldstein, b.goldstein);  // bit for bit
    EXPECT_EQ(a.date, b.date);
    EXPECT_EQ(a.provenance, b.provenance);
  }
  EXPECT_EQ(io::graph_json(*back), text);
  io::GraphJsonOptions edges;
  edges.link_key = io::LinkKey::edges;
  auto via_edges = io::parse_graph_json(io::graph_json(data, edges), "e.json");
  ASSERT_TRUE(via_edges.has_value());
  EXPECT_EQ(io::graph_json(*via_edges), text);
}

TEST(GraphJson, RefusesNewerVersionAndBrokenFiles) {
  auto newer = io::parse_graph_json(
      R"({"directed":true,"multigraph":true,"graph":{"format_version":99},"nodes":[],"links":[]})", "n.json");
  ASSERT_FALSE(newer.has_value());
  EXPECT_NE(newer.error().message.find("newer"), std::string::npos);
  auto dangling = io::parse_graph_json(
      R"({"nodes":[{"id":"a"}],"links":[{"source":"a","target":"b","cameo":"01"}]})", "d.json");
  ASSERT_FALSE(dangling.has_value());
  EXPECT_NE(dangling.error().message.find("\"b\""), std::string::npos);
  auto broken = io::parse_graph_json("{\n\"nodes\": [\n}", "b.json");
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().line, 3u);
  EXPECT_TRUE(io::looks_like_graph_json(R"({"directed": true, "nodes": [])"));
  EXPECT_FALSE(io::looks_like_graph_json(R"({"type":"event","source":{}})"));
  EXPECT_FALSE(io::looks_like_graph_json("news-1\n\nJapan"));
}

TEST(GraphJson, WriteIsAtomicAndReadable) {
  const std::string path = testing::TempDir() + "/graph_json_test.json";
  GraphData data;
  data.actors = {Actor{"state/JPN", "Japan", "JPN", "JPN", ActorKind::state, "", {}}};
  ASSERT_TRUE(io::write_graph_json(path, data).has_value());
  auto back = io::read_graph_json(path);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->actors.size(), 1u);
  EXPECT_FALSE(io::write_graph_json("/nonexistent-dir/x.json", data).has_value());
  {
    std::ofstream broken(path);
    broken << "{\"nodes\": [{\"id\": \"a\\nb\"},\n{\"id\": \"c\"}\n,,]}";
  }
  auto bad = io::read_graph_json(path);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().line, 3u) << "the line of the file, not of the text parsed in place";
  std::remove(path.c_str());
}

TEST(Records, HandWrittenEventsGiveTheSeedPath) {
  std::ifstream in(std::string(DIPLOGRAPH_TEST_DATA_DIR) + "/graph/seed_events.jsonl");
  ASSERT_TRUE(in) << "tests/data/graph/seed_events.jsonl";
  std::stringstream ss;
  ss << in.rdbuf();
  const auto records = io::parse_records(ss.str(), "seed_events.jsonl");
  ASSERT_TRUE(records.errors.empty());
  KnowledgeGraph g;
  for (const auto& a : records.actors) g.add_actor(a);
  for (const auto& e : records.events) g.add_event(e);
  g.derive_affiliations();
  auto lai = resolve_actor(g, "Lai Ching-te");
  auto usa = resolve_actor(g, "United States");
  ASSERT_TRUE(lai && usa);
  DyadGraph dg(g);
  auto paths = find_paths(dg, dg.vertex(*lai), dg.vertex(*usa), {});
  ASSERT_FALSE(paths.empty());
  const PathReport r = explain_path(g, dg, paths[0], PathWeight::hops, 2);
  ASSERT_FALSE(r.steps.empty());
  for (const auto& step : r.steps) {
    ASSERT_FALSE(step.evidence.empty());
    EXPECT_FALSE(step.evidence[0].provenance.at(0).evidence.empty());
  }
  auto japan = resolve_actor(g, "Japan");
  ASSERT_TRUE(japan);
  const auto nb = neighbors(dg, dg.vertex(*japan), 1, Direction::both, 0);
  std::vector<std::string> names;
  for (const auto& m : nb.members) names.push_back(dg.name(m.vertex));
  EXPECT_NE(std::find(names.begin(), names.end(), "state/TWN"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "state/USA"), names.end());
}

}  // namespace
}  // namespace diplograph::graph
