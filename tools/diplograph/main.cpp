// diplograph: news text in, a knowledge graph of diplomatic relations out. main() only parses
// the command line and dispatches to one subcommand; all work is in the diplograph::core library.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include <fmt/format.h>

#ifdef DIPLOGRAPH_WITH_MIMALLOC
#include <mimalloc.h>
#endif

#include "commands.hpp"

namespace {

// "diplograph 0.1.0", with the allocator when it is not the C library's: "(mimalloc 2.0.9)".
std::string version_text() {
  std::string text = "diplograph " DIPLOGRAPH_VERSION;
#ifdef DIPLOGRAPH_WITH_MIMALLOC
  const int v = mi_version();
  text += fmt::format(" (mimalloc {}.{}.{})", v / 100, v / 10 % 10, v % 10);
#endif
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace diplograph::cli;
  CLI::App app{
      "diplograph: turns news about foreign affairs into a knowledge graph of who did what to\n"
      "whom (CAMEO-coded, dated, with the sentence as evidence), and queries and exports it.\n\n"
      "  diplograph extract article.txt            actors and events as JSON Lines\n"
      "  diplograph build articles/ -o graph.json  a graph from text, event records or GDELT\n"
      "  diplograph query graph.json path Japan \"United States\"\n"
      "  diplograph export graph.json --format svg -o graph.svg\n",
      "diplograph"};
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);
  app.fallthrough(false);

  struct Entry {
    CLI::App* command;
    Action action;
  };
  std::vector<Entry> commands;
  auto add = [&](Action (*adder)(CLI::App&)) {
    const std::size_t before = app.get_subcommands({}).size();
    Action action = adder(app);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) commands.push_back({subs.back(), std::move(action)});
  };
  add(add_extract_command);
  add(add_build_command);
  add(add_query_command);
  add(add_export_command);
  add(add_validate_command);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  try {
    for (auto& entry : commands)
      if (entry.command->parsed()) {
        const int status = entry.action();
        // Output that did not reach stdout (a full disk, a closed pipe's reader gone) is a
        // failure, whatever the command thought it wrote.
        if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
          fmt::print(stderr, "diplograph: cannot write to standard output: {}\n", std::strerror(errno));
          return kExitDataError;
        }
        return status;
      }
  } catch (const std::exception& e) {
    fmt::print(stderr, "diplograph: error: {}\n", e.what());
    return kExitDataError;
  }
  return kExitUsage;
}
