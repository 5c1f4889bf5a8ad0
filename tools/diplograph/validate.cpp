// `diplograph validate`: placeholder until its issue lands (see `issues`).
#include <cstdio>

#include "commands.hpp"

namespace diplograph::cli {

Action add_validate_command(CLI::App& root) {
  root.add_subcommand("validate", "(not built yet)");
  return [] {
    std::fputs("diplograph validate: not built yet\n", stderr);
    return kExitUsage;
  };
}

}  // namespace diplograph::cli
