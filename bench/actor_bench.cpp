// Actor recognition speed: the project's example articles (graphs/examples/) and the actor
// validation sentences, repeated into a corpus of about 16 MB, split once, then recognised.
// Reports bytes and sentences per second for ActorRecognizer::recognize alone, and for the
// lexicon's matcher alone.
//
//   cmake --preset release && cmake --build build/release --target actor_bench
//   build/release/bench/actor_bench
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "diplograph/extract/actor_recognizer.hpp"
#include "diplograph/lexicon/actor_lexicon.hpp"
#include "diplograph/text/splitter.hpp"

namespace {

using namespace diplograph;

std::vector<std::string> source_texts() {
  std::vector<std::string> texts;
  const std::filesystem::path root(DIPLOGRAPH_SOURCE_DIR);
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(root / "graphs" / "examples"))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string all = ss.str();
    if (auto blank = all.find("\n\n"); blank != std::string::npos) all = all.substr(blank + 2);
    texts.push_back(std::move(all));
  }
  // The validation sentences: one document of all of them.
  std::ifstream in(root / "tests" / "data" / "extract" / "actor_validation.tsv");
  std::string line, doc;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.starts_with("date\t")) continue;
    const auto a = line.find('\t');
    const auto b = line.find('\t', a + 1);
    if (a != std::string::npos && b != std::string::npos) doc += line.substr(a + 1, b - a - 1) + " ";
  }
  texts.push_back(doc);
  return texts;
}

struct Corpus {
  std::vector<Document> documents;
  std::size_t bytes = 0;
  std::size_t sentences = 0;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus out;
    const auto texts = source_texts();
    const std::size_t target = std::size_t{16} << 20;
    for (std::size_t k = 0; out.bytes < target; ++k) {
      Document d;
      d.id = "doc" + std::to_string(k);
      d.date = Date{2024, 8, 20};
      d.text = texts[k % texts.size()];
      text::split_document(d);
      out.bytes += d.text.size();
      out.sentences += d.sentences.size();
      out.documents.push_back(std::move(d));
    }
    return out;
  }();
  return c;
}

void BM_RecognizeActors(benchmark::State& state) {
  const Corpus& c = corpus();
  const extract::ActorRecognizer recognizer(lexicon::ActorLexicon::builtin());
  std::size_t mentions = 0;
  for (auto _ : state) {
    for (const auto& d : c.documents) mentions += recognizer.recognize(d).mentions.size();
  }
  benchmark::DoNotOptimize(mentions);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * c.sentences));
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * c.sentences), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RecognizeActors)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_LexiconMatchOnly(benchmark::State& state) {
  const Corpus& c = corpus();
  const auto lexicon = lexicon::ActorLexicon::builtin();
  std::size_t matches = 0;
  for (auto _ : state) {
    for (const auto& d : c.documents)
      for (const auto& s : d.sentences) matches += lexicon->match(s.tokens).size();
  }
  benchmark::DoNotOptimize(matches);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.bytes));
}
BENCHMARK(BM_LexiconMatchOnly)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_CompileLexicon(benchmark::State& state) {
  for (auto _ : state) {
    lexicon::ActorLexicon::Builder builder;
    auto ok = builder.add_builtin();
    benchmark::DoNotOptimize(ok);
    auto lexicon = std::move(builder).compile();
    benchmark::DoNotOptimize(lexicon);
  }
}
BENCHMARK(BM_CompileLexicon)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
