// `diplograph validate`: checks graph files against the rules their readers need (docs/CLI.md,
// "validate"); all the checking is io::validate_graph_file. Prints each problem as
// "diplograph: FILE:LINE: message" on stderr and a one-line verdict per file on stdout.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "diplograph/io/validate.hpp"

namespace diplograph::cli {

Action add_validate_command(CLI::App& root) {
  struct Options {
    std::vector<std::string> files;
    std::string format;
    bool quiet = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand(
      "validate",
      "Check graph files against the rules the tools that read them need, and say where each\n"
      "file breaks them. Exit 0 when every file is valid, 1 when one is not (or cannot be read).\n\n"
      "GraphML: the GraphML namespace, <graph edgedefault>, every <key> with id, for= (not\n"
      "\"all\"), attr.name and a known attr.type, <data> only for declared keys and with values of\n"
      "their type (booleans lower case), unique node and edge ids, edges between existing nodes,\n"
      "CAMEO codes declared as strings. GEXF: GEXF 1.3 namespace and version, declared\n"
      "attributes, unique node and edge ids, edges between existing nodes, dates that parse.\n"
      "JSON: node-link (nodes, links or edges, directed; unique ids; links between existing\n"
      "nodes) or Cytoscape.js elements (ids unique across nodes and edges). DOT: parsed by\n"
      "Graphviz itself. Malformed or truncated files and XML entities are reported by line.\n"
      "The format comes from the extension (.graphml .gexf .json .cyjs .dot .gv), else the content.\n\n"
      "  diplograph validate graphs/japan-taiwan.graphml\n"
      "  diplograph validate out.gexf out.json out.dot\n"
      "  diplograph validate --format graphml export.xml\n"
      "  diplograph validate -q relations.graphml && echo valid");
  cmd->add_option("files", options->files, "the graph files to check")->required();
  cmd->add_option("-f,--format", options->format,
                  "the format of every file, instead of detecting it")
      ->check(CLI::IsMember({"graphml", "gexf", "json", "dot"}));
  cmd->add_flag("-q,--quiet", options->quiet, "print only the problems, not the verdicts");
  return [options] {
    std::optional<io::GraphFileFormat> format;
    if (!options->format.empty()) format = io::graph_file_format_from_string(options->format);
    bool all_valid = true;
    for (const auto& file : options->files) {
      auto result = io::validate_graph_file(file, format);
      if (!result) {
        fmt::print(stderr, "diplograph: {}\n", result.error().to_string());
        all_valid = false;
        continue;
      }
      for (const Error& problem : result->problems)
        fmt::print(stderr, "diplograph: {}\n", problem.to_string());
      if (!options->quiet) {
        if (result->ok())
          fmt::print("{}: valid {} ({} nodes, {} edges)\n", file, io::to_string(result->format),
                     result->nodes, result->edges);
        else
          fmt::print("{}: INVALID {} ({} problem{})\n", file, io::to_string(result->format),
                     result->problems.size(), result->problems.size() == 1 ? "" : "s");
      }
      all_valid = all_valid && result->ok();
    }
    std::fflush(stdout);
    return all_valid ? kExitOk : kExitDataError;
  };
}

}  // namespace diplograph::cli
