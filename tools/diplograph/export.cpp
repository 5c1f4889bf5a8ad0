// `diplograph export`: a graph file in, a file for another tool out (docs/CLI.md, "export").
// Reads the node-link graph with io::read_graph_json, applies graph/'s filters, aggregates to
// dyads with graph/ when asked, and hands the result to io::export_to_path, which streams it to
// a temporary file beside the target and renames that into place (stdout: io::export_graph).
#include <time.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "diplograph/graph/knowledge_graph.hpp"
#include "diplograph/io/export.hpp"
#include "diplograph/io/graph_json.hpp"
#include "diplograph/lexicon/cameo_codebook.hpp"

namespace diplograph::cli {
namespace {

// Labels name CAMEO codes from the built-in codebook ("051" -> "Praise or endorse").
std::optional<std::string> cameo_name(std::string_view code) {
  if (const auto* entry = lexicon::CameoCodebook::builtin().find(code)) return entry->name;
  return std::nullopt;
}

// Hands `value` to storage that lives until the process ends and is never destroyed; returns
// it. The export command's big structures (the graph read from the file, the knowledge graph
// built to filter or aggregate, the dyads) are used until the command returns, and the process
// exits right after: freeing them one allocation at a time (about 0.15 s of CPU for the 1M-event
// knowledge graph, docs/PERFORMANCE.md) buys nothing when the kernel takes back the whole
// address space at exit. Compilers skip freeing their syntax trees at exit for the same reason.
// The storage stays reachable from a static pointer, so LeakSanitizer does not report it.
template <typename T>
T& keep_until_exit(T value) {
  static auto* kept = new std::vector<std::shared_ptr<void>>;
  auto owned = std::make_shared<T>(std::move(value));
  kept->push_back(owned);
  return *owned;
}

}  // namespace

Action add_export_command(CLI::App& root) {
  struct Options {
    std::string graph;
    std::string format;
    std::string output;
    bool aggregate = false;
    std::string layout = "auto";
    std::string edges_key = "links";
    std::string since, until, root, quad, kind, country, min_count;
    bool timings = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand(
      "export",
      "Write a graph file (from `diplograph build`) in a format another tool loads.\n\n"
      "Formats: dot (Graphviz source), svg|png|pdf (rendered in-process), graphml (networkx,\n"
      "igraph, Gephi, yEd), gexf (Gephi, GEXF 1.3 with dates for the timeline), json (node-link,\n"
      "networkx), cytoscape (Cytoscape.js / Cytoscape .cyjs), csv (nodes.csv + edges.csv in the\n"
      "directory -o names; pandas, Neo4j), events (GDELT-like TSV, one event a line).\n"
      "Edges are events (a multigraph) unless --aggregate gives one edge per actor pair with\n"
      "counts and weights. Without -o the output goes to stdout (csv needs -o).\n\n"
      "  diplograph export graph.json --format svg -o japan.svg\n"
      "  diplograph export graph.json --format graphml --aggregate -o relations.graphml\n"
      "  diplograph export graph.json --format gexf --since 2024-01-01 --root 04,05 -o t.gexf\n"
      "  diplograph export graph.json --format json --edges-key edges -o nx3.json\n"
      "  diplograph export graph.json --format csv -o tables/\n"
      "  diplograph export graph.json --format png --layout neato --country JPN,TWN -o d.png");
  cmd->add_option("graph", options->graph, "the graph file (node-link JSON)")->required();
  cmd->add_option("-f,--format", options->format, "output format")
      ->required()
      ->check(CLI::IsMember({"dot", "svg", "png", "pdf", "graphml", "gexf", "json", "cytoscape",
                             "csv", "events"}));
  cmd->add_option("-o,--output", options->output,
                  "output file (a directory for csv); stdout when absent");
  cmd->add_flag("--aggregate", options->aggregate,
                "one edge per (source, target) pair with counts, not one per event");
  cmd->add_option("--layout", options->layout,
                  "layout engine for svg/png/pdf; auto picks by graph size")
      ->check(CLI::IsMember({"auto", "dot", "neato", "fdp", "sfdp", "circo"}))
      ->capture_default_str();
  cmd->add_option("--edges-key", options->edges_key,
                  "json: the member holding edges, links (networkx 2.x) or edges (3.x)")
      ->check(CLI::IsMember({"links", "edges"}))
      ->capture_default_str();
  cmd->add_option("--since", options->since, "keep events on or after YYYY-MM-DD");
  cmd->add_option("--until", options->until, "keep events on or before YYYY-MM-DD");
  cmd->add_option("--root", options->root, "keep events with these CAMEO roots (03,04)");
  cmd->add_option("--quad", options->quad, "keep events of these QuadClasses (1,2)");
  cmd->add_option("--kind", options->kind, "keep actors of these kinds (state,person)");
  cmd->add_option("--country", options->country, "keep actors of these countries (JPN,TWN)");
  cmd->add_option("--min-count", options->min_count,
                  "drop actor pairs with fewer events than this");
  cmd->add_flag("--timings", options->timings,
                "print the time each step took to stderr (docs/PERFORMANCE.md)");

  return [options] {
    const auto format = io::format_from_string(options->format);
    const auto layout = io::layout_from_string(options->layout);
    if (!format || !layout) return kExitUsage;  // CLI11 checked both already
    if (*format == io::Format::csv && options->output.empty()) {
      fmt::print(stderr, "diplograph export: --format csv needs -o DIR (nodes.csv, edges.csv)\n");
      return kExitUsage;
    }
    if (*format == io::Format::json && options->aggregate) {
      fmt::print(stderr,
                 "diplograph export: the json graph file is event-level; for the dyad view use "
                 "graphml, gexf, cytoscape or csv with --aggregate\n");
      return kExitUsage;
    }

    graph::GraphFilter filter;
    const std::pair<const char*, const std::string*> filter_options[] = {
        {"since", &options->since}, {"until", &options->until},
        {"root", &options->root},   {"quad", &options->quad},
        {"kind", &options->kind},   {"country", &options->country},
        {"min-count", &options->min_count},
    };
    for (const auto& [name, value] : filter_options) {
      if (value->empty()) continue;
      if (auto ok = filter.set(name, *value); !ok) {
        fmt::print(stderr, "diplograph export: --{} {}: {}\n", name, *value, ok.error());
        return kExitUsage;
      }
    }

    // Wall time and the process's CPU time per step: on a shared machine the CPU time is the
    // figure that compares with other programs (docs/PERFORMANCE.md).
    using Clock = std::chrono::steady_clock;
    auto cpu_now = [] {
      timespec ts{};
      ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
      return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    };
    auto mark = Clock::now();
    double cpu_mark = cpu_now();
    struct Step {
      const char* name;
      double wall, cpu;
    };
    std::vector<Step> steps;
    auto step = [&](const char* name) {
      const auto now = Clock::now();
      const double cpu = cpu_now();
      steps.push_back({name, std::chrono::duration<double>(now - mark).count(), cpu - cpu_mark});
      mark = now;
      cpu_mark = cpu;
    };
    auto report = [&](const GraphData& g, std::size_t edges) {
      if (!options->timings) return;
      std::string line;
      for (const auto& s : steps)
        line += fmt::format(" {} {:.3f} s (cpu {:.3f} s),", s.name, s.wall, s.cpu);
      fmt::print(stderr, "diplograph export:{} ({} actors, {} edges)\n", line, g.actors.size(),
                 edges);
    };

    auto data = io::read_graph_json(options->graph);
    if (!data) {
      fmt::print(stderr, "diplograph: {}\n", data.error().to_string());
      return kExitDataError;
    }
    GraphData& graph = keep_until_exit(std::move(*data));
    step("read");
    std::vector<Dyad>& dyads = keep_until_exit(std::vector<Dyad>{});
    // The knowledge graph is only built when needed: filtering or aggregating. A plain export
    // writes the file's own data as read.
    if (!filter.empty() || options->aggregate) {
      auto& kg =
          keep_until_exit(graph::KnowledgeGraph::from_data(graph, graph::Dedup::none));
      if (!filter.empty()) kg = kg.filtered(filter);
      if (options->aggregate) dyads = kg.dyads();
      if (!filter.empty()) graph = kg.to_data();
      step(options->aggregate ? "filter+aggregate" : "filter");
    }

    const io::ExportGraph input{graph, dyads,
                                options->aggregate ? io::EdgeView::dyads : io::EdgeView::events};
    io::ExportOptions export_options;
    export_options.layout = *layout;
    export_options.edges_key = options->edges_key;
    export_options.cameo_name = cameo_name;
    const std::size_t edge_count = options->aggregate ? dyads.size() : graph.events.size();
    if (options->output.empty() || options->output == "-") {
      auto files = io::export_graph(input, *format, export_options);
      if (!files) {
        fmt::print(stderr, "diplograph export: {}\n", files.error().message);
        return kExitDataError;
      }
      step("write");
      for (const auto& file : *files)
        std::fwrite(file.content.data(), 1, file.content.size(), stdout);
      std::fflush(stdout);
      step("save");
      report(graph, edge_count);
      return kExitOk;
    }
    // Streamed to a temporary file beside the target, renamed into place when complete.
    if (auto ok = io::export_to_path(input, *format, options->output, export_options); !ok) {
      fmt::print(stderr, "diplograph export: {}\n", ok.error().to_string());
      return kExitDataError;
    }
    step("write");
    report(graph, edge_count);
    return kExitOk;
  };
}

}  // namespace diplograph::cli
