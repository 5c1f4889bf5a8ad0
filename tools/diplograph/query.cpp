// `diplograph query GRAPH path|neighbors|rank|dyad|stats`: questions asked of a graph file.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "commands.hpp"
#include "diplograph/graph/knowledge_graph.hpp"
#include "diplograph/graph/queries.hpp"
#include "diplograph/io/graph_json.hpp"

namespace diplograph::cli {

void add_filter_options(CLI::App& cmd, std::vector<std::pair<std::string, std::string>>& filters);

namespace {

using Json = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void jstr(Json& w, const char* key, std::string_view v) {
  w.Key(key);
  w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
}

void print_json(rapidjson::StringBuffer& buffer) {
  std::fwrite(buffer.GetString(), 1, buffer.GetSize(), stdout);
  std::fputc('\n', stdout);
}

struct Options {
  std::string graph_file;
  bool json = false;
  bool follow_affiliations = false;
  std::vector<std::pair<std::string, std::string>> filters;
  // path
  std::vector<std::string> pair;
  std::string weight = "hops";
  std::string direction;
  std::size_t k = 1;
  std::size_t max_hops = 0;
  std::size_t evidence = 3;
  // neighbors
  std::string actor;
  std::size_t hops = 1;
  std::size_t limit = 1000;
  // rank
  std::string by = "degree";
  std::size_t top = 10;
};

std::string actor_label(const graph::KnowledgeGraph& g, graph::ActorIndex a) {
  const Actor& x = g.actor(a);
  return x.name.empty() || x.name == x.id ? x.id : fmt::format("{} [{}]", x.name, x.id);
}

std::string event_line(const Event& e) {
  const std::string date = e.date ? e.date->iso() : std::string("undated");
  std::string line = fmt::format("{} {} -> {} cameo {} (quad {}, goldstein {:+.1f})", date,
                                 e.source.name.empty() ? e.source.id : e.source.name,
                                 e.target.name.empty() ? e.target.id : e.target.name, e.cameo,
                                 e.quad, e.goldstein);
  for (const auto& p : e.provenance)
    line += fmt::format("\n        {}#{}: \"{}\"", p.doc, p.sentence, p.evidence);
  return line;
}

void event_json(Json& w, const Event& e) {
  w.StartObject();
  jstr(w, "source", e.source.id);
  jstr(w, "target", e.target.id);
  jstr(w, "cameo", e.cameo);
  jstr(w, "root", e.root);
  w.Key("quad");
  w.Int(e.quad);
  w.Key("goldstein");
  w.Double(e.goldstein);
  if (e.date) jstr(w, "date", e.date->iso());
  w.Key("confidence");
  w.Double(e.confidence);
  w.Key("provenance");
  w.StartArray();
  for (const auto& p : e.provenance) {
    w.StartObject();
    jstr(w, "doc", p.doc);
    w.Key("sentence");
    w.Uint64(p.sentence);
    w.Key("start");
    w.Uint64(p.span.start);
    w.Key("end");
    w.Uint64(p.span.end);
    jstr(w, "evidence", p.evidence);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

class Session {
 public:
  explicit Session(const Options& o) : m_o(o) {}

  // Loads and filters the graph; false (with a message) on a data or usage error.
  int load() {
    graph::GraphFilter filter;
    for (const auto& [name, value] : m_o.filters)
      if (auto ok = filter.set(name, value); !ok) {
        fmt::print(stderr, "diplograph query: {}\n", ok.error());
        return kExitUsage;
      }
    auto data = io::read_graph_json(m_o.graph_file);
    if (!data) {
      fmt::print(stderr, "diplograph: {}\n", data.error().to_string());
      return kExitDataError;
    }
    // The file's events are taken as they are (a graph built with --dedup none keeps its rows).
    m_graph = graph::KnowledgeGraph::from_data(*data, graph::Dedup::none);
    if (!filter.empty()) m_graph = m_graph.filtered(filter);
    m_dyads = std::make_unique<graph::DyadGraph>(
        m_graph, m_o.follow_affiliations ? graph::Affiliations::follow : graph::Affiliations::skip);
    return kExitOk;
  }

  std::optional<graph::ActorIndex> resolve(const std::string& name) {
    auto a = graph::resolve_actor(m_graph, name);
    if (!a) {
      fmt::print(stderr, "diplograph query: {}\n", a.error().message(m_graph));
      return std::nullopt;
    }
    return *a;
  }

  std::optional<graph::Direction> direction(const char* fallback) {
    const std::string& text = m_o.direction.empty() ? std::string(fallback) : m_o.direction;
    auto d = graph::direction_from_string(text);
    if (!d) fmt::print(stderr, "diplograph query: --direction must be in, out or both\n");
    return d;
  }

  int path() {
    auto a = resolve(m_o.pair.at(0));
    auto b = resolve(m_o.pair.at(1));
    if (!a || !b) return kExitDataError;
    auto dir = direction("both");
    auto weight = graph::path_weight_from_string(m_o.weight);
    if (!dir || !weight) return kExitUsage;
    graph::PathOptions po;
    po.weight = *weight;
    po.direction = *dir;
    po.k = m_o.k;
    po.max_hops = m_o.max_hops;
    po.max_candidates = 2000;
    const graph::DyadGraph& dg = *m_dyads;
    bool capped = false;
    const auto paths = graph::find_paths(dg, dg.vertex(*a), dg.vertex(*b), po, &capped);
    if (capped)
      fmt::print(stderr,
                 "diplograph query: path search stopped after {} candidate paths with {} of the {} "
                 "asked found; a larger --max-hops may find more\n",
                 po.max_candidates, paths.size(), po.k);
    std::vector<graph::PathReport> reports;
    for (const auto& p : paths) reports.push_back(graph::explain_path(m_graph, dg, p, *weight, m_o.evidence));
    if (m_o.json) {
      rapidjson::StringBuffer buffer;
      Json w(buffer);
      w.StartObject();
      jstr(w, "from", m_graph.actor(*a).id);
      jstr(w, "to", m_graph.actor(*b).id);
      jstr(w, "weight", m_o.weight);
      w.Key("paths");
      w.StartArray();
      for (const auto& r : reports) {
        w.StartObject();
        w.Key("cost");
        w.Double(r.cost);
        w.Key("actors");
        w.StartArray();
        for (const auto& x : r.actors) w.String(x.data(), static_cast<rapidjson::SizeType>(x.size()));
        w.EndArray();
        w.Key("steps");
        w.StartArray();
        for (const auto& s : r.steps) {
          w.StartObject();
          jstr(w, "from", s.from);
          jstr(w, "to", s.to);
          jstr(w, "edge", s.affiliation ? "affiliation" : "events");
          w.Key("forward");
          w.Bool(s.forward);
          w.Key("events");
          w.Uint64(s.events);
          w.Key("cost");
          w.Double(s.cost);
          w.Key("evidence");
          w.StartArray();
          for (const auto& e : s.evidence) event_json(w, e);
          w.EndArray();
          w.EndObject();
        }
        w.EndArray();
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
      print_json(buffer);
    } else {
      if (reports.empty())
        fmt::print("no path from {} to {}{}{}\n", actor_label(m_graph, *a), actor_label(m_graph, *b),
                   po.direction == graph::Direction::out ? " following the direction of events" : "",
                   m_o.follow_affiliations ? ""
                                           : " (--follow-affiliations also steps from people and "
                                             "ministries to their states)");
      for (std::size_t i = 0; i < reports.size(); ++i) {
        const auto& r = reports[i];
        fmt::print("path {}: {} steps, cost {:.4g}\n  {}\n", i + 1, r.steps.size(), r.cost,
                   fmt::join(r.actors, " -> "));
        for (const auto& s : r.steps) {
          if (s.affiliation) {
            fmt::print("  {} {} {}: affiliation\n", s.from, s.forward ? "->" : "<-", s.to);
            continue;
          }
          fmt::print("  {} {} {}: {} event{}{}\n", s.from, s.forward ? "->" : "<-", s.to, s.events,
                     s.events == 1 ? "" : "s", s.forward ? "" : " (the other way)");
          for (const auto& e : s.evidence) fmt::print("    {}\n", event_line(e));
        }
      }
    }
    std::fflush(stdout);
    return reports.empty() ? kExitDataError : kExitOk;
  }

  int neighbors() {
    auto a = resolve(m_o.actor);
    auto dir = direction("both");
    if (!a) return kExitDataError;
    if (!dir) return kExitUsage;
    const graph::DyadGraph& dg = *m_dyads;
    const auto nb = graph::neighbors(dg, dg.vertex(*a), m_o.hops, *dir, m_o.limit);
    if (m_o.json) {
      rapidjson::StringBuffer buffer;
      Json w(buffer);
      w.StartObject();
      jstr(w, "actor", m_graph.actor(*a).id);
      w.Key("hops");
      w.Uint64(m_o.hops);
      w.Key("truncated");
      w.Bool(nb.truncated);
      w.Key("induced_edges");
      w.Uint64(nb.induced_edges);
      w.Key("neighbors");
      w.StartArray();
      for (const auto& m : nb.members) {
        if (m.hops == 0) continue;
        const Actor& x = m_graph.actor(dg.actor(m.vertex));
        w.StartObject();
        jstr(w, "id", x.id);
        jstr(w, "name", x.name);
        jstr(w, "kind", to_string(x.kind));
        w.Key("hops");
        w.Uint64(m.hops);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
      print_json(buffer);
    } else {
      fmt::print("{} actors within {} hop{} of {}{}\n", nb.members.size() - 1, m_o.hops,
                 m_o.hops == 1 ? "" : "s", actor_label(m_graph, *a),
                 nb.truncated ? fmt::format(" (limited to {}; raise --limit)", m_o.limit) : "");
      for (const auto& m : nb.members)
        if (m.hops > 0)
          fmt::print("  {}  {}\n", m.hops, actor_label(m_graph, dg.actor(m.vertex)));
    }
    std::fflush(stdout);
    return kExitOk;
  }

  int rank() {
    auto by = graph::rank_by_from_string(m_o.by);
    if (!by) return kExitUsage;
    auto dir = direction(*by == graph::RankBy::degree ? "both" : "out");
    if (!dir) return kExitUsage;
    const auto ranked = graph::rank(*m_dyads, *by, *dir, m_o.top);
    if (m_o.json) {
      rapidjson::StringBuffer buffer;
      Json w(buffer);
      w.StartObject();
      jstr(w, "by", m_o.by);
      w.Key("ranking");
      w.StartArray();
      for (const auto& r : ranked) {
        w.StartObject();
        jstr(w, "id", m_dyads->name(r.vertex));
        jstr(w, "name", m_graph.actor(m_dyads->actor(r.vertex)).name);
        w.Key("score");
        w.Double(r.score);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
      print_json(buffer);
    } else {
      std::size_t i = 0;
      for (const auto& r : ranked)
        fmt::print("{:>4}  {:<12.6g}  {}\n", ++i, r.score, actor_label(m_graph, m_dyads->actor(r.vertex)));
    }
    std::fflush(stdout);
    return kExitOk;
  }

  int dyad() {
    auto a = resolve(m_o.pair.at(0));
    auto b = resolve(m_o.pair.at(1));
    if (!a || !b) return kExitDataError;
    const auto idx = m_graph.events_between(*a, *b, graph::Direction::both);
    // The dyad view of just these events (KnowledgeGraph::dyads() would aggregate them all).
    graph::KnowledgeGraph pair(graph::Dedup::none);
    for (std::size_t i : idx) pair.add_event(m_graph.event(i));
    const std::vector<Dyad> summary = pair.dyads();
    if (m_o.json) {
      rapidjson::StringBuffer buffer;
      Json w(buffer);
      w.StartObject();
      w.Key("dyads");
      w.StartArray();
      for (const Dyad& d : summary) {
        w.StartObject();
        jstr(w, "source", d.source);
        jstr(w, "target", d.target);
        w.Key("count");
        w.Uint64(d.count);
        w.Key("goldstein_sum");
        w.Double(d.goldstein_sum);
        w.Key("goldstein_mean");
        w.Double(d.goldstein_mean);
        w.Key("quad_count");
        w.StartArray();
        for (auto q : d.quad_count) w.Uint64(q);
        w.EndArray();
        if (d.first) jstr(w, "first", d.first->iso());
        if (d.last) jstr(w, "last", d.last->iso());
        w.EndObject();
      }
      w.EndArray();
      w.Key("events");
      w.StartArray();
      for (std::size_t i : idx) event_json(w, m_graph.event(i));
      w.EndArray();
      w.EndObject();
      print_json(buffer);
    } else {
      for (const Dyad& d : summary)
        fmt::print("{} -> {}: {} event{}, Goldstein sum {:+.1f} mean {:+.2f}, quads {}/{}/{}/{}, {} .. {}\n",
                   d.source, d.target, d.count, d.count == 1 ? "" : "s", d.goldstein_sum, d.goldstein_mean, d.quad_count[0],
                   d.quad_count[1], d.quad_count[2], d.quad_count[3],
                   d.first ? d.first->iso() : "?", d.last ? d.last->iso() : "?");
      if (idx.empty())
        fmt::print("no events between {} and {}\n", actor_label(m_graph, *a), actor_label(m_graph, *b));
      for (std::size_t i : idx) fmt::print("  {}\n", event_line(m_graph.event(i)));
    }
    std::fflush(stdout);
    return kExitOk;
  }

  int stats() {
    const graph::GraphStats s = graph::stats(m_graph);
    if (m_o.json) {
      rapidjson::StringBuffer buffer;
      Json w(buffer);
      w.StartObject();
      auto num = [&w](const char* k, std::size_t v) {
        w.Key(k);
        w.Uint64(v);
      };
      num("actors", s.actors);
      num("events", s.events);
      num("dyads", s.dyads);
      num("affiliations", s.affiliations);
      num("documents", s.documents);
      num("evidence", s.provenance);
      num("undated", s.undated);
      if (s.first) jstr(w, "first", s.first->iso());
      if (s.last) jstr(w, "last", s.last->iso());
      w.Key("quad_count");
      w.StartArray();
      for (auto q : s.quad_count) w.Uint64(q);
      w.EndArray();
      w.Key("root_count");
      w.StartObject();
      for (const auto& [r, n] : s.root_count) {
        w.Key(r.c_str());
        w.Uint64(n);
      }
      w.EndObject();
      w.Key("kind_count");
      w.StartObject();
      for (const auto& [r, n] : s.kind_count) {
        w.Key(r.c_str());
        w.Uint64(n);
      }
      w.EndObject();
      num("weak_components", s.weak_components);
      num("largest_component", s.largest_component);
      w.EndObject();
      print_json(buffer);
    } else {
      fmt::print("actors        {}\nevents        {} ({} pieces of evidence, {} undated)\n", s.actors,
                 s.events, s.provenance, s.undated);
      fmt::print("dyads         {}\naffiliations  {}\ndocuments     {}\n", s.dyads, s.affiliations,
                 s.documents);
      fmt::print("dates         {} .. {}\n", s.first ? s.first->iso() : "-", s.last ? s.last->iso() : "-");
      fmt::print("quad classes  1: {}  2: {}  3: {}  4: {}\n", s.quad_count[0], s.quad_count[1],
                 s.quad_count[2], s.quad_count[3]);
      std::vector<std::string> roots, kinds;
      for (const auto& [r, n] : s.root_count) roots.push_back(fmt::format("{}: {}", r, n));
      for (const auto& [k, n] : s.kind_count) kinds.push_back(fmt::format("{}: {}", k, n));
      fmt::print("roots         {}\nkinds         {}\n", fmt::join(roots, "  "), fmt::join(kinds, "  "));
      fmt::print("components    {} (largest {} actors)\n", s.weak_components, s.largest_component);
    }
    std::fflush(stdout);
    return kExitOk;
  }

 private:
  const Options& m_o;
  graph::KnowledgeGraph m_graph;
  std::unique_ptr<graph::DyadGraph> m_dyads;
};

}  // namespace

Action add_query_command(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand(
      "query",
      "Ask a graph file (from `diplograph build`) a question. Actors are named by id, name,\n"
      "alias or CAMEO code, in any case (\"state/JPN\", \"Japan\", \"jpn\"); a name that matches\n"
      "nothing or several actors is answered with suggestions. Text by default, --json for JSON.\n"
      "Steps and neighbourhoods ignore the direction of events unless --direction out|in.\n\n"
      "  diplograph query graph.json path \"Lai Ching-te\" \"United States\"\n"
      "  diplograph query graph.json path Japan China --weight conflict --k 3 --max-hops 4\n"
      "  diplograph query graph.json neighbors Japan --hops 2 --direction out\n"
      "  diplograph query graph.json rank --by pagerank --top 20\n"
      "  diplograph query graph.json dyad Japan Taiwan --since 2024-01-01\n"
      "  diplograph query graph.json stats --json");
  cmd->add_option("graph", o->graph_file, "the graph file (node-link JSON)")->required();
  cmd->add_flag("--json", o->json, "print JSON instead of text");
  cmd->add_flag("--follow-affiliations", o->follow_affiliations,
                "let paths, neighbourhoods and rankings use member -> state affiliation edges");
  add_filter_options(*cmd, o->filters);
  cmd->require_subcommand(1);

  CLI::App* path = cmd->add_subcommand(
      "path",
      "Shortest paths between two actors, each step with its events and their evidence.\n"
      "Weights (the cost of a step over the pair u -> v): hops = 1; count = 1/events;\n"
      "cooperation = 1/(QuadClass 1-2 events), conflict = 1/(QuadClass 3-4 events), pairs\n"
      "without such events closed. --k N gives the N shortest simple paths (Yen, at most 100).");
  path->add_option("actors", o->pair, "FROM TO")->expected(2)->required();
  path->add_option("--weight", o->weight, "hops, count, cooperation or conflict")
      ->check(CLI::IsMember({"hops", "count", "cooperation", "conflict"}))
      ->capture_default_str();
  path->add_option("--k", o->k, "how many paths")->check(CLI::Range(1, 100))->capture_default_str();
  path->add_option("--max-hops", o->max_hops, "longest path allowed (0: any)");
  path->add_option("--direction", o->direction, "both (default), out (follow events), in")
      ->check(CLI::IsMember({"in", "out", "both"}));
  path->add_option("--evidence", o->evidence, "events shown per step")->capture_default_str();

  CLI::App* nb = cmd->add_subcommand("neighbors", "Actors within --hops steps of one actor.");
  nb->alias("neighbours");
  nb->add_option("actor", o->actor, "the actor")->required();
  nb->add_option("--hops", o->hops, "how many steps")->capture_default_str();
  nb->add_option("--direction", o->direction, "both (default), out or in")
      ->check(CLI::IsMember({"in", "out", "both"}));
  nb->add_option("--limit", o->limit,
                 "at most this many actors, nearest first (0: no limit; a hub's 2-hop "
                 "neighbourhood can be the whole graph)")
      ->capture_default_str();

  CLI::App* rank = cmd->add_subcommand(
      "rank",
      "The most central actors. degree: distinct partners (--direction both by default);\n"
      "pagerank: weighted by event counts, damping 0.85, as networkx; betweenness: exact\n"
      "(Brandes) on the pairs, unnormalised, as networkx (direction out by default).");
  rank->add_option("--by", o->by, "degree, pagerank or betweenness")
      ->check(CLI::IsMember({"degree", "pagerank", "betweenness"}))
      ->capture_default_str();
  rank->add_option("--top", o->top, "how many (0: all)")->capture_default_str();
  rank->add_option("--direction", o->direction, "out, in or both")
      ->check(CLI::IsMember({"in", "out", "both"}));

  CLI::App* dyad = cmd->add_subcommand("dyad", "The timeline of events between two actors, both ways.");
  dyad->add_option("actors", o->pair, "A B")->expected(2)->required();

  CLI::App* st = cmd->add_subcommand("stats", "Counts: actors, events, dyads, dates, codes, components.");

  for (CLI::App* sub : {path, nb, rank, dyad, st}) sub->fallthrough();

  return [o, path, nb, rank, dyad, st] {
    Session s(*o);
    if (int rc = s.load(); rc != kExitOk) return rc;
    if (path->parsed()) return s.path();
    if (nb->parsed()) return s.neighbors();
    if (rank->parsed()) return s.rank();
    if (dyad->parsed()) return s.dyad();
    if (st->parsed()) return s.stats();
    return kExitUsage;
  };
}

}  // namespace diplograph::cli
