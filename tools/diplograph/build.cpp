// `diplograph build`: placeholder until its issue lands (see `issues`).
#include <cstdio>

#include "commands.hpp"

namespace diplograph::cli {

Action add_build_command(CLI::App& root) {
  root.add_subcommand("build", "(not built yet)");
  return [] {
    std::fputs("diplograph build: not built yet\n", stderr);
    return kExitUsage;
  };
}

}  // namespace diplograph::cli
