// The steps of ../shared/bench/bench_peers.py (load, aggregate, shortest path by hops and by
// cost = 1/count, 2-hop neighbourhood, PageRank, betweenness on the country graph) on the same
// edges file (gen_gdelt_like.py: TSV with header actor1 actor2 eventcode goldstein date), timed
// with Google Benchmark, followed by one JSON summary line with the answers to compare with the
// peers' summary.
//
//   graph_bench --input events_1m.tsv [--src USAGOV --dst NPL --ego IRN] [--benchmark_...]
//
// Peak memory: run under /usr/bin/time -v (docs/PERFORMANCE.md).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "diplograph/graph/knowledge_graph.hpp"
#include "diplograph/graph/queries.hpp"

namespace {

using namespace diplograph;

struct Args {
  std::string input;
  std::string src = "USAGOV";
  std::string dst = "NPL";
  std::string ego = "IRN";
  graph::Dedup dedup = graph::Dedup::none;  // the peers keep every row
};

std::string read_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    fmt::print(stderr, "graph_bench: cannot open {}\n", path);
    std::exit(1);
  }
  std::fseek(f, 0, SEEK_END);
  const long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  std::string text(static_cast<std::size_t>(size), '\0');
  const std::size_t got = std::fread(text.data(), 1, text.size(), f);
  std::fclose(f);
  text.resize(got);
  return text;
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Parses the edges TSV into a KnowledgeGraph: actors are their codes (a 3-letter code is a
// state), events keep code, Goldstein and date. Bad rows are skipped (the generator makes none).
graph::KnowledgeGraph load(const std::string& path, graph::Dedup dedup) {
  const std::string text = read_file(path);
  graph::KnowledgeGraph g(dedup);
  g.reserve(32 * 1024, text.size() / 30);
  std::unordered_map<std::string, graph::ActorIndex, StringHash, std::equal_to<>> actors;
  std::unordered_map<std::string, std::uint16_t, StringHash, std::equal_to<>> codes;
  auto actor = [&](std::string_view name) {
    if (auto it = actors.find(name); it != actors.end()) return it->second;
    Actor a;
    a.id.assign(name);
    a.name = a.id;
    a.code = a.id;
    a.kind = name.size() == 3 ? ActorKind::state : ActorKind::other;
    if (name.size() >= 3) a.country.assign(name.substr(0, 3));
    const graph::ActorIndex i = g.add_actor(a);
    actors.emplace(std::string(name), i);
    return i;
  };
  auto code = [&](std::string_view c) {
    if (auto it = codes.find(c); it != codes.end()) return it->second;
    const std::uint16_t i = g.intern_code(c);
    codes.emplace(std::string(c), i);
    return i;
  };
  std::unordered_map<std::uint16_t, std::pair<std::uint16_t, std::int8_t>> root_of;
  const char* p = text.data();
  const char* end = p + text.size();
  p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));  // header
  p = p ? p + 1 : end;
  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (!nl) nl = end;
    std::string_view field[5];
    int n = 0;
    const char* q = p;
    while (n < 5) {
      const char* tab = static_cast<const char*>(std::memchr(q, '\t', static_cast<std::size_t>(nl - q)));
      if (!tab || n == 4) {
        field[n++] = std::string_view(q, static_cast<std::size_t>((tab ? tab : nl) - q));
        break;
      }
      field[n++] = std::string_view(q, static_cast<std::size_t>(tab - q));
      q = tab + 1;
    }
    p = nl + 1;
    if (n < 5 || field[0].empty() || field[1].empty() || field[2].size() < 2) continue;
    graph::StoredEvent e;
    e.source = actor(field[0]);
    e.target = actor(field[1]);
    e.cameo = code(field[2]);
    auto r = root_of.find(e.cameo);
    if (r == root_of.end()) {
      const std::string_view root = field[2].substr(0, 2);
      int ri = 0;
      std::from_chars(root.data(), root.data() + 2, ri);
      const std::int8_t quad = static_cast<std::int8_t>(ri <= 5 ? 1 : ri <= 9 ? 2 : ri <= 14 ? 3 : 4);
      r = root_of.emplace(e.cameo, std::pair{code(root), quad}).first;
    }
    e.root = r->second.first;
    e.quad = r->second.second;
    std::from_chars(field[3].data(), field[3].data() + field[3].size(), e.goldstein);
    int ymd = 0;
    std::from_chars(field[4].data(), field[4].data() + field[4].size(), ymd);
    e.day = Date{ymd / 10000, ymd / 100 % 100, ymd % 100}.days_since_epoch();
    g.add_event(std::move(e));
  }
  return g;
}

Args g_args;
std::unique_ptr<graph::KnowledgeGraph> g_graph;
std::unique_ptr<graph::DyadGraph> g_dyads;

graph::Vertex vertex(const std::string& id) {
  auto v = g_dyads->find(id);
  if (!v) {
    fmt::print(stderr, "graph_bench: no actor {}\n", id);
    std::exit(1);
  }
  return *v;
}

std::vector<graph::Vertex> countries() {
  std::vector<graph::Vertex> keep;
  for (graph::Vertex v = 0; v < g_dyads->vertex_count(); ++v)
    if (g_dyads->name(v).size() == 3) keep.push_back(v);
  return keep;
}

void BM_load(benchmark::State& state) {
  for (auto _ : state) {
    auto g = std::make_unique<graph::KnowledgeGraph>(load(g_args.input, g_args.dedup));
    benchmark::DoNotOptimize(g->event_count());
    state.counters["events"] = static_cast<double>(g->event_count());
    g_graph = std::move(g);
  }
}

void BM_aggregate(benchmark::State& state) {
  for (auto _ : state) {
    auto d = std::make_unique<graph::DyadGraph>(*g_graph);
    state.counters["pairs"] = static_cast<double>(d->edge_count());
    g_dyads = std::move(d);
  }
}

void shortest(benchmark::State& state, graph::PathWeight weight) {
  graph::PathOptions o;
  o.weight = weight;
  o.direction = graph::Direction::out;
  const auto s = vertex(g_args.src);
  const auto t = vertex(g_args.dst);
  for (auto _ : state) benchmark::DoNotOptimize(graph::find_paths(*g_dyads, s, t, o));
}
void BM_sp_hops(benchmark::State& state) { shortest(state, graph::PathWeight::hops); }
void BM_sp_dijkstra(benchmark::State& state) { shortest(state, graph::PathWeight::count); }

void BM_khop2(benchmark::State& state) {
  const auto ego = vertex(g_args.ego);
  for (auto _ : state)
    benchmark::DoNotOptimize(graph::neighbors(*g_dyads, ego, 2, graph::Direction::both, 0));
}

graph::PageRankOptions pagerank_options() {
  graph::PageRankOptions o;
  o.tolerance = 1e-10;  // as bench_peers.py asks networkx
  o.max_iterations = 1000;
  return o;
}

void BM_pagerank(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(graph::pagerank(*g_dyads, pagerank_options()));
}

// As in bench_peers.py, the country subgraph is made outside the timed step.
void BM_bc_country(benchmark::State& state) {
  const graph::DyadGraph c = g_dyads->induced(countries());
  for (auto _ : state) benchmark::DoNotOptimize(graph::betweenness(c, graph::Direction::out));
}

// The answers, to compare with bench_peers.py's "summary" line.
void print_summary() {
  auto path_names = [](graph::PathWeight w) {
    graph::PathOptions o;
    o.weight = w;
    o.direction = graph::Direction::out;
    auto p = graph::find_paths(*g_dyads, vertex(g_args.src), vertex(g_args.dst), o);
    std::vector<std::string> names;
    if (!p.empty())
      for (auto v : p[0].vertices) names.push_back(fmt::format("\"{}\"", g_dyads->name(v)));
    return fmt::format("[{}]", fmt::join(names, ", "));
  };
  const auto nb = graph::neighbors(*g_dyads, vertex(g_args.ego), 2, graph::Direction::both, 0);
  const auto pr = graph::pagerank(*g_dyads, pagerank_options());
  std::vector<graph::Vertex> order(g_dyads->vertex_count());
  for (graph::Vertex v = 0; v < order.size(); ++v) order[v] = v;
  std::partial_sort(order.begin(), order.begin() + 10, order.end(),
                    [&](auto a, auto b) { return (*pr)[a] > (*pr)[b]; });
  std::vector<std::string> top;
  for (int i = 0; i < 10; ++i)
    top.push_back(fmt::format("[\"{}\", {:.6f}]", g_dyads->name(order[i]), (*pr)[order[i]]));
  const graph::DyadGraph c = g_dyads->induced(countries());
  const auto bc = graph::betweenness(c, graph::Direction::out);
  std::vector<graph::Vertex> corder(c.vertex_count());
  for (graph::Vertex v = 0; v < corder.size(); ++v) corder[v] = v;
  std::sort(corder.begin(), corder.end(), [&](auto a, auto b) { return bc[a] > bc[b]; });
  std::vector<std::string> btop;
  for (std::size_t i = 0; i < 5 && i < corder.size(); ++i)
    btop.push_back(fmt::format("[\"{}\", {:.3f}]", c.name(corder[i]), bc[corder[i]]));
  fmt::print(
      "{{\"summary\": {{\"lib\": \"diplograph\", \"events\": {}, \"nodes\": {}, \"pairs\": {}, "
      "\"sp_hops\": {}, \"sp_dijkstra\": {}, \"khop2_nodes_edges\": [{}, {}], \"pagerank_top10\": "
      "[{}], \"country_graph\": [{}, {}], \"bc_country_top5\": [{}]}}}}\n",
      g_graph->event_count(), g_dyads->vertex_count(), g_dyads->edge_count(),
      path_names(graph::PathWeight::hops), path_names(graph::PathWeight::count), nb.members.size(),
      nb.induced_edges, fmt::join(top, ", "), c.vertex_count(), c.edge_count(), fmt::join(btop, ", "));
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--input") g_args.input = value();
    else if (a == "--src") g_args.src = value();
    else if (a == "--dst") g_args.dst = value();
    else if (a == "--ego") g_args.ego = value();
    else if (a == "--dedup") g_args.dedup = graph::Dedup::by_key;
    else rest.push_back(argv[i]);
  }
  if (g_args.input.empty()) {
    fmt::print(stderr,
               "usage: graph_bench --input EDGES.tsv [--src A --dst B --ego C] [--dedup] "
               "[benchmark options]\n  (EDGES.tsv from ../shared/bench/gen_gdelt_like.py)\n");
    return 2;
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  // Steps run in order and each leaves its result for the next, as the peers' script does.
  benchmark::RegisterBenchmark("load", BM_load)->Iterations(1)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("aggregate", BM_aggregate)->Iterations(3)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("sp_hops", BM_sp_hops)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("sp_dijkstra", BM_sp_dijkstra)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("khop2", BM_khop2)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("pagerank", BM_pagerank)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("bc_country", BM_bc_country)->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (g_graph && g_dyads) print_summary();
  return 0;
}
