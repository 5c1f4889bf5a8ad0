// `diplograph query`: placeholder until its issue lands (see `issues`).
#include <cstdio>

#include "commands.hpp"

namespace diplograph::cli {

Action add_query_command(CLI::App& root) {
  root.add_subcommand("query", "(not built yet)");
  return [] {
    std::fputs("diplograph query: not built yet\n", stderr);
    return kExitUsage;
  };
}

}  // namespace diplograph::cli
