// The subcommands of the diplograph CLI. Each lives in its own file and registers itself on the
// root CLI11 app; the callback it returns runs after parsing and gives the exit code.
// Exit codes (docs/CLI.md): 0 success, 1 bad input data (something was skipped), 2 usage error.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace diplograph::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitDataError = 1;
inline constexpr int kExitUsage = 2;

using Action = std::function<int()>;

Action add_extract_command(CLI::App& root);
Action add_build_command(CLI::App& root);
Action add_query_command(CLI::App& root);
Action add_export_command(CLI::App& root);
Action add_validate_command(CLI::App& root);

}  // namespace diplograph::cli
