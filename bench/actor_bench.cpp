// Actor recognition speed on the project's example articles (graphs/examples/) and the actor
// validation sentences: repeated into a corpus of about 16 MB and streamed (split + recognise,
// minus split alone), and one copy recognised over and over (hot in cache). Also the lexicon's
// matcher alone and the cost of compiling the dictionaries.
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

// The corpus as texts (about 16 MB): documents are split and recognised one at a time, as the
// extractor does, so each document's tokens are still in cache when the recogniser reads them.
struct Corpus {
  std::vector<std::string> texts;
  std::size_t bytes = 0;
  std::size_t sentences = 0;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus out;
    const auto texts = source_texts();
    const std::size_t target = std::size_t{16} << 20;
    for (std::size_t k = 0; out.bytes < target; ++k) {
      out.texts.push_back(texts[k % texts.size()]);
      out.bytes += out.texts.back().size();
      out.sentences += text::split_sentences(out.texts.back()).size();
    }
    return out;
  }();
  return c;
}

Document document(const std::string& text) {
  Document d;
  d.id = "doc";
  d.date = Date{2024, 8, 20};
  d.text = text;
  text::split_document(d);
  return d;
}

void report(benchmark::State& state) {
  const Corpus& c = corpus();
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.bytes));
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * c.sentences), benchmark::Counter::kIsRate);
}

// The text stage alone: the baseline to subtract.
void BM_Split(benchmark::State& state) {
  std::size_t tokens = 0;
  for (auto _ : state)
    for (const auto& t : corpus().texts) tokens += document(t).sentences.size();
  benchmark::DoNotOptimize(tokens);
  report(state);
}
BENCHMARK(BM_Split)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Split, then recognise actors: the actor stage's cost is this minus BM_Split.
void BM_SplitAndRecognize(benchmark::State& state) {
  const extract::ActorRecognizer recognizer(lexicon::ActorLexicon::builtin());
  std::size_t mentions = 0;
  for (auto _ : state)
    for (const auto& t : corpus().texts) mentions += recognizer.recognize(document(t)).mentions.size();
  benchmark::DoNotOptimize(mentions);
  report(state);
}
BENCHMARK(BM_SplitAndRecognize)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Recognition alone, on one document at a time already split (hot in cache).
void BM_RecognizeActors(benchmark::State& state) {
  const extract::ActorRecognizer recognizer(lexicon::ActorLexicon::builtin());
  std::vector<Document> docs;
  for (const auto& t : source_texts()) docs.push_back(document(t));
  std::size_t bytes = 0, sentences = 0, mentions = 0;
  for (const auto& d : docs) {
    bytes += d.text.size();
    sentences += d.sentences.size();
  }
  for (auto _ : state)
    for (const auto& d : docs) mentions += recognizer.recognize(d).mentions.size();
  benchmark::DoNotOptimize(mentions);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * sentences), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RecognizeActors)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

void BM_LexiconMatchOnly(benchmark::State& state) {
  const auto lexicon = lexicon::ActorLexicon::builtin();
  std::vector<Document> docs;
  for (const auto& t : source_texts()) docs.push_back(document(t));
  std::size_t bytes = 0, matches = 0;
  for (const auto& d : docs) bytes += d.text.size();
  for (auto _ : state)
    for (const auto& d : docs)
      for (const auto& s : d.sentences) matches += lexicon->match(s.tokens).size();
  benchmark::DoNotOptimize(matches);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_LexiconMatchOnly)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

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
