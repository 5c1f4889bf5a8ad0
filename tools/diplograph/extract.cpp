// `diplograph extract`: documents in, JSON Lines records (document, actor, event) out.
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "diplograph/io/records.hpp"
#include "diplograph/text/reader.hpp"
#include "diplograph/text/splitter.hpp"

namespace diplograph::cli {

Action add_extract_command(CLI::App& root) {
  struct Options {
    std::vector<std::string> inputs;
    std::size_t max_doc_bytes = std::size_t{16} << 20;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand(
      "extract",
      "Read documents and print JSON Lines records: one \"document\" record per document, then\n"
      "its \"actor\" and \"event\" records (docs/FORMATS.md).\n\n"
      "Inputs: the seed format (an id line, a blank line, the body), plain .txt (id = file\n"
      "name), JSON Lines with id/date/title/text/url (.jsonl), a directory (recursive, sorted),\n"
      "or - for stdin. A bad document is reported on stderr and skipped; the exit code is then 1.\n\n"
      "  diplograph extract graphs/examples/\n"
      "  cat feed.jsonl | diplograph extract -");
  cmd->add_option("inputs", options->inputs, "files, directories, or - for stdin")->required();
  cmd->add_option("--max-doc-bytes", options->max_doc_bytes,
                  "skip (and report) documents larger than this")
      ->capture_default_str();
  return [options] {
    text::ReadOptions read_options;
    read_options.max_doc_bytes = options->max_doc_bytes;
    std::size_t errors = 0;
    std::string out;
    text::read_documents(
        options->inputs, read_options,
        [&](Document&& document) {
          text::split_document(document);
          out = io::document_record(document);
          std::fwrite(out.data(), 1, out.size(), stdout);
        },
        [&](Error&& error) {
          ++errors;
          fmt::print(stderr, "diplograph: {}\n", error.to_string());
        });
    std::fflush(stdout);
    return errors ? kExitDataError : kExitOk;
  };
}

}  // namespace diplograph::cli
