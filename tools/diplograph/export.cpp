// `diplograph export`: placeholder until its issue lands (see `issues`).
#include <cstdio>

#include "commands.hpp"

namespace diplograph::cli {

Action add_export_command(CLI::App& root) {
  root.add_subcommand("export", "(not built yet)");
  return [] {
    std::fputs("diplograph export: not built yet\n", stderr);
    return kExitUsage;
  };
}

}  // namespace diplograph::cli
