// Extraction speed end to end, text in, events out: the example articles (graphs/examples/*.txt)
// and the evaluation news (tests/data/eval/news*/*.txt) are read once, then cycled with changed
// ids into a corpus of at least 100 MB in memory (DIPLOGRAPH_BENCH_MB=N for another size), and
// every document goes through extract::Extractor as `diplograph extract` does. The stages are
// timed on the same corpus: split alone, split + recognise actors, and the whole extractor; the
// recogniser's share is the second minus the first, the coder's the third minus the second.
// One thread: the figures are per core. Read the CPU column (the machine may be loaded).
//
//   cmake --preset release -B build/release && cmake --build build/release --target extract_bench
//   build/release/bench/extract_bench
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#ifdef DIPLOGRAPH_WITH_MIMALLOC
#include <mimalloc.h>
#endif

#include "diplograph/extract/actor_recognizer.hpp"
#include "diplograph/extract/extractor.hpp"
#include "diplograph/lexicon/actor_lexicon.hpp"
#include "diplograph/text/reader.hpp"
#include "diplograph/text/splitter.hpp"

namespace {

using namespace diplograph;

std::vector<Document> source_documents() {
  const std::filesystem::path root(DIPLOGRAPH_SOURCE_DIR);
  std::vector<std::string> paths;
  for (const auto& dir : {root / "graphs" / "examples", root / "tests" / "data" / "eval" / "news",
                          root / "tests" / "data" / "eval" / "news-holdout"}) {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().extension() == ".txt") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    paths.insert(paths.end(), files.begin(), files.end());
  }
  std::vector<Document> docs;
  text::read_documents(paths, {}, [&](Document&& d) { docs.push_back(std::move(d)); }, [](Error&&) {});
  return docs;
}

struct Corpus {
  std::vector<Document> documents;  // not yet split
  std::size_t bytes = 0;
  std::size_t sentences = 0;
};

std::size_t target_bytes() {
  std::size_t mb = 100;
  if (const char* env = std::getenv("DIPLOGRAPH_BENCH_MB")) mb = std::max<std::size_t>(1, std::strtoull(env, nullptr, 10));
  return mb << 20;
}

// The sources cycled until the corpus holds target_bytes(); copy k of document "x" is "x-k".
const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus out;
    const auto sources = source_documents();
    if (sources.empty()) std::abort();
    std::vector<std::size_t> sentences;
    for (const auto& d : sources) sentences.push_back(text::split_sentences(d.text).size());
    const std::size_t target = target_bytes();
    for (std::size_t k = 0; out.bytes < target; ++k) {
      const std::size_t i = k % sources.size();
      Document d = sources[i];
      d.id += '-';  // (not "-" + to_string(): GCC 12 warns of a false overlap there)
      d.id += std::to_string(k / sources.size());
      out.bytes += d.text.size();
      out.sentences += sentences[i];
      out.documents.push_back(std::move(d));
    }
    return out;
  }();
  return c;
}

// The malloc the figures were taken with (the release build links mimalloc, as the command does).
std::string allocator() {
#ifdef DIPLOGRAPH_WITH_MIMALLOC
  std::string name = "mimalloc ";
  name += std::to_string(mi_version());
  return name;
#else
  return "glibc malloc";
#endif
}

void report(benchmark::State& state) {
  const Corpus& c = corpus();
  state.SetLabel(allocator());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.bytes));
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * c.sentences), benchmark::Counter::kIsRate);
  state.counters["MB"] = static_cast<double>(c.bytes) / (1 << 20);
}

// Stage 1: sentence splitting and tokenising.
void BM_Split(benchmark::State& state) {
  const Corpus& c = corpus();
  std::size_t sentences = 0;
  for (auto _ : state)
    for (const auto& d : c.documents) {
      Document copy = d;
      text::split_document(copy);
      sentences += copy.sentences.size();
    }
  benchmark::DoNotOptimize(sentences);
  report(state);
}
BENCHMARK(BM_Split)->Unit(benchmark::kMillisecond)->Iterations(1);

// Stages 1 + 2: split, then recognise actors (the actor stage is this minus BM_Split).
void BM_SplitRecognize(benchmark::State& state) {
  const Corpus& c = corpus();
  const extract::ActorRecognizer recognizer(lexicon::ActorLexicon::builtin());
  std::size_t mentions = 0;
  for (auto _ : state)
    for (const auto& d : c.documents) {
      Document copy = d;
      text::split_document(copy);
      mentions += recognizer.recognize(copy).mentions.size();
    }
  benchmark::DoNotOptimize(mentions);
  report(state);
}
BENCHMARK(BM_SplitRecognize)->Unit(benchmark::kMillisecond)->Iterations(1);

// Everything: split, recognise, code events (the coder is this minus BM_SplitRecognize).
void BM_Extract(benchmark::State& state) {
  const Corpus& c = corpus();
  auto extractor = extract::Extractor::create({});
  if (!extractor) {
    state.SkipWithError("no extractor");
    return;
  }
  std::size_t events = 0;
  for (auto _ : state)
    for (const auto& d : c.documents) events += extractor->extract(d).events.size();
  benchmark::DoNotOptimize(events);
  report(state);
  state.counters["events"] = static_cast<double>(events) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
