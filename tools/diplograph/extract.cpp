// `diplograph extract`: documents in, JSON Lines records (document, actor, event) out.
#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "ordered_pool.hpp"
#include "diplograph/extract/extractor.hpp"
#include "diplograph/io/records.hpp"
#include "diplograph/text/reader.hpp"

namespace diplograph::cli {

Action add_extract_command(CLI::App& root) {
  struct Options {
    std::vector<std::string> inputs;
    std::vector<std::string> actor_files;
    std::size_t max_doc_bytes = std::size_t{16} << 20;
    bool verbose = false;
    unsigned jobs = 0;
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
      "  diplograph extract --actors my_actors.tsv news/\n"
      "  cat feed.jsonl | diplograph extract -\n"
      "  diplograph extract -j 1 news/          # one thread (the output is the same)");
  cmd->add_option("inputs", options->inputs, "files, directories, or - for stdin")->required();
  cmd->add_option("--actors", options->actor_files,
                  "an extra actor dictionary (docs/FORMATS.md, \"Actor dictionaries\"); repeatable")
      ->check(CLI::ExistingFile);
  cmd->add_option("--max-doc-bytes", options->max_doc_bytes,
                  "skip (and report) documents larger than this")
      ->capture_default_str();
  cmd->add_flag("--verbose", options->verbose,
                "on stderr, say for every pattern match what the event coder made of it");
  cmd->add_option("-j,--jobs", options->jobs,
                  "documents coded at once (default: one per core); the output is the same bytes "
                  "for any number");
  return [options] {
    extract::ExtractorOptions extractor_options;
    extractor_options.actor_files = options->actor_files;
    auto extractor = extract::Extractor::create(extractor_options);
    if (!extractor) {
      fmt::print(stderr, "diplograph: {}\n", extractor.error().to_string());
      return kExitDataError;
    }
    text::ReadOptions read_options;
    read_options.max_doc_bytes = options->max_doc_bytes;
    std::size_t errors = 0;
    struct Rendered {
      std::string id;
      std::string records;
      std::vector<std::string> trace;
      std::string error;  // a document that could not be read, reported in its place
    };
    // Read errors go through the pool too, so stderr keeps the order of the input.
    using Item = std::variant<Document, Error>;
    const unsigned jobs = options->jobs > 0 ? options->jobs : std::max(1U, std::thread::hardware_concurrency());
    OrderedPool<Item, Rendered> pool(
        jobs,
        [&](Item&& item) {
          Rendered r;
          if (auto* error = std::get_if<Error>(&item)) {
            r.error = error->to_string();
            return r;
          }
          Document& document = std::get<Document>(item);
          const extract::Extraction x =
              extractor->extract(std::move(document), options->verbose ? &r.trace : nullptr);
          r.id = x.document.id;
          io::append_document_record(r.records, x.document);
          std::vector<std::vector<Mention>> mentions(x.actors.actors.size());
          for (const auto& m : x.actors.mentions)
            if (m.actor < mentions.size()) mentions[m.actor].push_back(m);
          for (std::size_t i = 0; i < x.actors.actors.size(); ++i)
            io::append_actor_record(r.records, x.document, x.actors.actors[i], mentions[i]);
          for (const auto& event : x.events) io::append_event_record(r.records, event);
          return r;
        },
        [&](Rendered&& r) {
          if (!r.error.empty()) {
            ++errors;
            std::fflush(stdout);
            fmt::print(stderr, "diplograph: {}\n", r.error);
            return;
          }
          std::fwrite(r.records.data(), 1, r.records.size(), stdout);
          for (const auto& line : r.trace) fmt::print(stderr, "{}: {}\n", r.id, line);
        });
    text::read_documents(
        options->inputs, read_options, [&](Document&& document) { pool.submit(Item(std::move(document))); },
        [&](Error&& error) { pool.submit(Item(std::move(error))); });
    pool.finish();
    std::fflush(stdout);
    return errors ? kExitDataError : kExitOk;
  };
}

}  // namespace diplograph::cli
