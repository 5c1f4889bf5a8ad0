// `diplograph build`: a graph file (node-link JSON) from documents, event records, event
// datasets and other graph files, each input's kind detected from its content.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "ordered_pool.hpp"
#include "diplograph/extract/extractor.hpp"
#include "diplograph/graph/knowledge_graph.hpp"
#include "diplograph/io/event_files.hpp"
#include "diplograph/io/graph_json.hpp"
#include "diplograph/io/records.hpp"
#include "diplograph/text/reader.hpp"

namespace diplograph::cli {
namespace {

enum class InputKind { graph, records, event_table, documents };

std::string_view to_string(InputKind kind) {
  switch (kind) {
    case InputKind::graph: return "graph file";
    case InputKind::records: return "event records";
    case InputKind::event_table: return "event dataset";
    case InputKind::documents: return "documents";
  }
  return "?";
}

// What a file holds, from its first bytes: a node-link graph, JSON Lines records (a first line
// with "type": "event", "actor" or "document"), a GDELT/ICEWS table (io::detect_event_file), or
// else documents for the extractor (seed format, plain text, JSON Lines with "text").
InputKind detect(std::string_view head) {
  if (io::looks_like_graph_json(head)) return InputKind::graph;
  std::string_view line = head.substr(0, head.find('\n'));
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  if (!line.empty() && line.front() == '{') {
    for (const char* type : {"\"type\":\"event\"", "\"type\":\"actor\"", "\"type\":\"document\"",
                             "\"type\": \"event\"", "\"type\": \"actor\"", "\"type\": \"document\""})
      if (line.find(type) != std::string_view::npos) return InputKind::records;
  }
  if (io::detect_event_file(head)) return InputKind::event_table;
  return InputKind::documents;
}

std::string read_head(const std::string& path, std::size_t bytes) {
  std::string out(bytes, '\0');
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return {};
  out.resize(std::fread(out.data(), 1, bytes, f));
  std::fclose(f);
  return out;
}

std::optional<std::string> read_all(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return std::nullopt;
  std::string text;
  char chunk[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) text.append(chunk, n);
  const bool bad = std::ferror(f) != 0;
  std::fclose(f);
  if (bad) return std::nullopt;
  return text;
}

// Files of the inputs, directories expanded recursively and sorted by path.
std::vector<std::string> expand(const std::vector<std::string>& inputs, std::vector<Error>& errors) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& input : inputs) {
    std::error_code ec;
    if (input == "-") {
      out.push_back(input);  // standard input, read by Builder::add_stdin
    } else if (fs::is_directory(input, ec)) {
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(input, ec); !ec && it != fs::end(it);
           it.increment(ec))
        if (it->is_regular_file(ec)) files.push_back(it->path().string());
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else if (fs::is_regular_file(input, ec)) {
      out.push_back(input);
    } else {
      errors.push_back(Error{input, 0, 0, "no such file or directory"});
    }
  }
  return out;
}

struct Options {
  std::vector<std::string> inputs;
  std::string output;
  std::string into;
  std::string dedup = "key";
  std::vector<std::string> actor_files;
  std::size_t max_doc_bytes = std::size_t{16} << 20;
  bool edges_key = false;
  bool no_affiliations = false;
  bool quiet = false;
  unsigned jobs = 0;  // 0: one per core
  std::vector<std::pair<std::string, std::string>> filters;  // (option, value)
};

class Builder {
 public:
  Builder(const Options& options, graph::KnowledgeGraph& graph) : m_options(options), m_graph(graph) {}

  void report(const Error& e) {
    ++m_errors;
    fmt::print(stderr, "diplograph: {}\n", e.to_string());
  }
  std::size_t errors() const { return m_errors; }

  void progress(const std::string& message) {
    if (!m_options.quiet) fmt::print(stderr, "diplograph build: {}\n", message);
  }

  void add(const std::string& path) {
    if (path == "-") {
      finish();
      return add_stdin();
    }
    const std::string head = read_head(path, 64 * 1024);
    const InputKind kind = detect(head);
    if (kind == InputKind::documents) return add_documents(path);  // coded on the pool's threads
    finish();  // documents given before this input go into the graph first
    const std::size_t before = m_graph.event_count();
    const auto start = std::chrono::steady_clock::now();
    switch (kind) {
      case InputKind::graph: add_graph(path); break;
      case InputKind::records: add_records(path); break;
      case InputKind::event_table: add_event_table(path); break;
      case InputKind::documents: break;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress(fmt::format("{}: {}, {} new events ({} in the graph), {:.2f} s", path, to_string(kind),
                         m_graph.event_count() - before, m_graph.event_count(), seconds));
  }

  // Waits for the documents still being coded and adds them to the graph.
  void finish() {
    if (!m_pool) return;
    m_pool->finish();
    m_pool.reset();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_pool_start).count();
    progress(fmt::format("{} documents coded, {} new events ({} in the graph), {:.2f} s", m_pool_documents,
                         m_graph.event_count() - m_pool_events_before, m_graph.event_count(), seconds));
  }

 private:
  // A document to code, or a document that could not be read (reported in its place).
  struct Pending {
    std::string name;  // the input it came from
    std::variant<Document, Error> item;
  };
  struct Coded {
    std::string name;
    DocumentKey key;
    std::string id;
    extract::Extraction x;
    std::optional<Error> error;
  };

  // Documents go to a pool of threads (--jobs) that codes them, then into the graph in input
  // order, one at a time: the graph is the same whatever the number of threads.
  void submit(Pending&& pending) {
    if (!m_extractor) {
      extract::ExtractorOptions o;
      o.actor_files = m_options.actor_files;
      auto x = extract::Extractor::create(o);
      if (!x) return report(x.error());
      m_extractor = std::make_unique<extract::Extractor>(std::move(*x));
    }
    if (!m_pool) {
      m_pool_start = std::chrono::steady_clock::now();
      m_pool_events_before = m_graph.event_count();
      m_pool_documents = 0;
      m_pool = std::make_unique<OrderedPool<Pending, Coded>>(
          m_options.jobs,
          [this](Pending&& p) {
            Coded c;
            c.name = std::move(p.name);
            if (auto* e = std::get_if<Error>(&p.item)) {
              c.error = std::move(*e);
              return c;
            }
            Document& document = std::get<Document>(p.item);
            c.key = DocumentKey{document.id, graph::text_hash(document.text)};
            c.id = document.id;
            c.x = m_extractor->extract(std::move(document));
            return c;
          },
          [this](Coded&& c) { add_coded(std::move(c)); });
    }
    m_pool->submit(std::move(pending));
  }

  void add_coded(Coded&& c) {
    if (c.error) return report(*c.error);
    // (a document given twice is coded twice here, on another thread, but added once)
    if (m_graph.has_document(c.key)) {
      progress(fmt::format("{}: document \"{}\" is already in the graph (same id or same "
                           "text), not coded again",
                           c.name, c.id));
      return;
    }
    for (const auto& a : c.x.actors.actors) m_graph.add_actor(a);
    for (const auto& e : c.x.events) m_graph.add_event(e);
    m_graph.add_document(c.key);
    ++m_pool_documents;
    if (++m_documents % 500 == 0) progress(fmt::format("{} documents coded", m_documents));
  }

  // Standard input ("-"): read whole, recognised like a file, named "-" in messages.
  void add_stdin() {
    std::string text;
    char chunk[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(chunk, 1, sizeof chunk, stdin)) > 0) text.append(chunk, n);
    if (std::ferror(stdin)) return report(Error{"-", 0, 0, "cannot read standard input"});
    const InputKind kind = detect(std::string_view(text).substr(0, 64 * 1024));
    const std::size_t before = m_graph.event_count();
    switch (kind) {
      case InputKind::graph: {
        auto data = io::parse_graph_json(text, "-");
        if (!data) return report(data.error());
        m_graph.merge(*data);
        break;
      }
      case InputKind::records: add_records_text(text, "-"); break;
      case InputKind::event_table: {
        auto result = io::read_event_text(text, "-");
        if (!result) return report(result.error());
        add_event_result(*result, "-");
        break;
      }
      case InputKind::documents: {
        text::ReadOptions read_options;
        read_options.max_doc_bytes = m_options.max_doc_bytes;
        text::parse_documents(text, "-", text::InputFormat::automatic, read_options,
                              [&](Document&& d) { submit(Pending{"-", std::move(d)}); },
                              [&](Error&& e) { submit(Pending{"-", std::move(e)}); });
        finish();
        break;
      }
    }
    progress(fmt::format("-: {}, {} new events ({} in the graph)", to_string(kind),
                         m_graph.event_count() - before, m_graph.event_count()));
  }

  void add_graph(const std::string& path) {
    auto data = io::read_graph_json(path);
    if (!data) return report(data.error());
    m_graph.merge(*data);
  }

  void add_records(const std::string& path) {
    auto text = read_all(path);
    if (!text) return report(Error{path, 0, 0, "cannot read the file"});
    add_records_text(*text, path);
  }

  void add_records_text(std::string_view text, const std::string& name) {
    io::Records records = io::parse_records(text, name);
    for (const auto& e : records.errors) report(e);
    for (const auto& a : records.actors) m_graph.add_actor(a);
    for (const auto& e : records.events) m_graph.add_event(e);
  }

  // GDELT 1.0/2.0 and ICEWS files, through io's event-file readers.
  void add_event_table(const std::string& path) {
    auto result = io::read_event_file(path);
    if (!result) return report(result.error());
    add_event_result(*result, path);
  }

  void add_event_result(const io::EventFileResult& result, const std::string& name) {
    for (const auto& e : result.errors) report(e);
    if (result.one_sided > 0)
      progress(fmt::format("{}: {} of {} rows name only one actor and are not relations (skipped)",
                           name, result.one_sided, result.rows));
    m_graph.reserve(m_graph.actor_count() + result.graph.actors.size(),
                    m_graph.event_count() + result.graph.events.size());
    m_graph.merge(result.graph);
  }

  void add_documents(const std::string& path) {
    const std::vector<std::string> paths{path};
    text::ReadOptions read_options;
    read_options.max_doc_bytes = m_options.max_doc_bytes;
    text::read_documents(
        paths, read_options, [&](Document&& document) { submit(Pending{path, std::move(document)}); },
        [&](Error&& e) { submit(Pending{path, std::move(e)}); });
  }

  const Options& m_options;
  graph::KnowledgeGraph& m_graph;
  std::unique_ptr<extract::Extractor> m_extractor;
  std::size_t m_errors = 0;
  std::size_t m_documents = 0;
  std::unique_ptr<OrderedPool<Pending, Coded>> m_pool;
  std::chrono::steady_clock::time_point m_pool_start;
  std::size_t m_pool_events_before = 0;
  std::size_t m_pool_documents = 0;
};

}  // namespace

void add_filter_options(CLI::App& cmd, std::vector<std::pair<std::string, std::string>>& filters);

// The graph/ filters as options (shared by build and query).
void add_filter_options(CLI::App& cmd, std::vector<std::pair<std::string, std::string>>& filters) {
  struct Filter {
    const char* name;
    const char* help;
  };
  static const Filter kFilters[] = {
      {"since", "keep events on or after this day (YYYY-MM-DD)"},
      {"until", "keep events on or before this day (YYYY-MM-DD)"},
      {"root", "keep events of these CAMEO roots, e.g. 03,04"},
      {"quad", "keep events of these QuadClasses (1 verbal coop., 2 material coop., 3 verbal "
               "conflict, 4 material conflict), e.g. 1,2"},
      {"kind", "keep actors of these kinds (state, person, government, ministry, military, "
               "legislature, judiciary, party, company, igo, group, media, other)"},
      {"country", "keep actors of these countries (ISO alpha-3), e.g. JPN,TWN"},
      {"min-count", "keep (source, target) pairs with at least this many events"},
  };
  for (const Filter& f : kFilters) {
    const std::string name = f.name;
    cmd.add_option_function<std::string>(
           "--" + name, [&filters, name](const std::string& v) { filters.emplace_back(name, v); },
           f.help)
        ->group("Filters");
  }
}

Action add_build_command(CLI::App& root) {
  auto options = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand(
      "build",
      "Build a knowledge graph file (node-link JSON, docs/FORMATS.md) from any mix of inputs,\n"
      "each recognised by its content:\n"
      "  - documents (seed format, plain text, JSON Lines with \"text\"): run the extractor;\n"
      "  - JSON Lines event/actor records (the output of `diplograph extract`);\n"
      "  - GDELT 1.0/2.0 event files and ICEWS tables;\n"
      "  - graph files written by `diplograph build` (or networkx node-link JSON).\n"
      "The same event from several stories (same source, target, CAMEO code and day) becomes one\n"
      "event with all its evidence; a document given twice (same id or same text) is coded once.\n"
      "With --into, the inputs are merged into an existing graph: the result equals building\n"
      "everything at once. Output is written to a temporary file, then renamed.\n\n"
      "  diplograph build graphs/examples/ -o graph.json\n"
      "  diplograph extract news/ > events.jsonl && diplograph build events.jsonl -o graph.json\n"
      "  diplograph extract news/ | diplograph build - -o graph.json\n"
      "  diplograph build today/ --into graph.json\n"
      "  diplograph build 20191024143000.export.CSV --dedup none --root 17,18,19,20 -o conflict.json");
  cmd->add_option("inputs", options->inputs,
                  "files or directories (read recursively, sorted), or - for standard input")
      ->required();
  cmd->add_option("-o,--output", options->output, "write the graph here (- for stdout)");
  cmd->add_option("--into", options->into,
                  "merge into this graph file (created if missing) and write it back");
  cmd->add_option("--dedup", options->dedup,
                  "key: merge events with the same source, target, code and day (default); "
                  "none: keep every row (GDELT rows are distinct events)")
      ->check(CLI::IsMember({"key", "none"}));
  cmd->add_option("--actors", options->actor_files, "an extra actor dictionary for the extractor")
      ->check(CLI::ExistingFile);
  cmd->add_option("--max-doc-bytes", options->max_doc_bytes,
                  "skip (and report) documents larger than this")
      ->capture_default_str();
  cmd->add_flag("--edges-key", options->edges_key,
                "name the edge list \"edges\" (networkx 3.6's default) instead of \"links\"");
  cmd->add_flag("--no-affiliations", options->no_affiliations,
                "do not add member -> state affiliation edges from the actors' countries");
  cmd->add_flag("-q,--quiet", options->quiet, "no progress messages on stderr");
  cmd->add_option("-j,--jobs", options->jobs,
                  "documents coded at once (default: one per core); the graph is the same for any "
                  "number");
  add_filter_options(*cmd, options->filters);

  return [options] {
    if (options->jobs == 0) options->jobs = std::max(1U, std::thread::hardware_concurrency());
    if (options->output.empty() == options->into.empty()) {
      fmt::print(stderr, "diplograph build: give exactly one of -o FILE and --into FILE\n");
      return kExitUsage;
    }
    graph::GraphFilter filter;
    for (const auto& [name, value] : options->filters)
      if (auto ok = filter.set(name, value); !ok) {
        fmt::print(stderr, "diplograph build: {}\n", ok.error());
        return kExitUsage;
      }
    graph::KnowledgeGraph graph(options->dedup == "none" ? graph::Dedup::none : graph::Dedup::by_key);
    Builder builder(*options, graph);
    if (!options->into.empty() && std::filesystem::exists(options->into)) {
      auto existing = io::read_graph_json(options->into);
      if (!existing) {
        fmt::print(stderr, "diplograph: {}\n", existing.error().to_string());
        return kExitDataError;
      }
      graph.merge(*existing);
    }
    std::vector<Error> missing;
    const auto files = expand(options->inputs, missing);
    for (const auto& e : missing) builder.report(e);
    for (const auto& file : files) builder.add(file);
    builder.finish();
    if (!options->no_affiliations) graph.derive_affiliations();
    if (!filter.empty()) graph = graph.filtered(filter);
    const GraphData data = graph.to_data();
    io::GraphJsonOptions json;
    json.link_key = options->edges_key ? io::LinkKey::edges : io::LinkKey::links;
    const std::string target = options->into.empty() ? options->output : options->into;
    if (target == "-") {
      const std::string text = io::graph_json(data, json);
      std::fwrite(text.data(), 1, text.size(), stdout);
      std::fflush(stdout);
    } else if (auto ok = io::write_graph_json(target, data, json); !ok) {
      fmt::print(stderr, "diplograph: {}\n", ok.error().to_string());
      return kExitDataError;
    }
    builder.progress(fmt::format("wrote {}: {} actors, {} events, {} affiliations", target,
                                 data.actors.size(), data.events.size(), data.affiliations.size()));
    return builder.errors() ? kExitDataError : kExitOk;
  };
}

}  // namespace diplograph::cli
